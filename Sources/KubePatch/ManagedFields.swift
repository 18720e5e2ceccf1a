import JSON
import OrderedCollections

/// The decoded `metadata.managedFields` of an object, keyed the way the API
/// server keys managers: by name, operation and subresource, and for
/// `Update` entries also by API version.
struct ManagedFields {
    struct Manager: Hashable {
        var name: String
        var operation: String
        /// Part of the identity only for `Update` entries.
        var apiVersion: String
        var subresource: String

        init(name: String, operation: String, apiVersion: String, subresource: String?) {
            self.name = name
            self.operation = operation
            self.apiVersion = operation == "Apply" ? "" : apiVersion
            self.subresource = subresource ?? ""
        }

        /// The JSON identifier the API server builds (and sorts conflicts by).
        var identifier: String {
            var o = OrderedDictionary<String, JSONValue>()
            o["manager"] = .string(name)
            o["operation"] = .string(operation)
            if !apiVersion.isEmpty { o["apiVersion"] = .string(apiVersion) }
            if !subresource.isEmpty { o["subresource"] = .string(subresource) }
            return JSONValue.object(o).serialized()
        }

        /// The manager as conflict messages name it:
        /// `"bob"`, `"ctl" with subresource "status"`, `"demo-client" using v1`.
        var printed: String {
            var text = JSONValue.string(name).serialized()
            if !subresource.isEmpty { text += " with subresource \(JSONValue.string(subresource).serialized())" }
            if operation == "Update" { text += " using \(apiVersion)" }
            return text
        }
    }

    struct Owned {
        var set: FieldSet
        var apiVersion: String
        var applied: Bool
    }

    var fields: [Manager: Owned] = [:]
    var times: [Manager: String] = [:]

    init() {}

    /// Decodes entries; any malformed entry makes the whole list unusable,
    /// as for the API server.
    init(entries: [ManagedFieldsEntry]) throws(PatchError) {
        for entry in entries {
            guard entry.operation == "Apply" || entry.operation == "Update" else {
                throw .badRequest("operation must be `Apply` or `Update`")
            }
            guard !entry.apiVersion.isEmpty else { throw .badRequest("apiVersion must not be empty") }
            let manager = Manager(name: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion,
                                  subresource: entry.subresource)
            fields[manager] = Owned(set: try entry.fieldSet(), apiVersion: entry.apiVersion,
                                    applied: entry.operation == "Apply")
            times[manager] = entry.time
        }
    }

    /// The managedFields of `object`, or nil when absent or malformed.
    static func decoded(from object: JSONValue?) -> ManagedFields? {
        guard let object, let entries = try? ManagedFieldsEntry.entries(of: object),
              let managed = try? ManagedFields(entries: entries) else { return nil }
        return managed
    }

    /// Fields nobody owns: the API server strips them from every set.
    static let systemFields: FieldSet = FieldSet(paths: [
        FieldPath(fields: "apiVersion"), FieldPath(fields: "kind"), FieldPath(fields: "metadata"),
        FieldPath(fields: "metadata", "name"), FieldPath(fields: "metadata", "namespace"),
        FieldPath(fields: "metadata", "creationTimestamp"), FieldPath(fields: "metadata", "selfLink"),
        FieldPath(fields: "metadata", "uid"), FieldPath(fields: "metadata", "clusterName"),
        FieldPath(fields: "metadata", "generation"), FieldPath(fields: "metadata", "managedFields"),
        FieldPath(fields: "metadata", "resourceVersion"),
    ])

    /// Strips the system fields from `manager`'s set, dropping it when empty.
    mutating func stripSystemFields(of manager: Manager) {
        guard var owned = fields[manager] else { return }
        owned.set = owned.set.subtracting(Self.systemFields)
        fields[manager] = owned.set.isEmpty ? nil : owned
    }

    mutating func dropEmpty() {
        fields = fields.filter { !$0.value.set.isEmpty }
    }

    static let maxUpdateManagers = 10
    static let ancientChangesManager = "ancient-changes"

    /// Keeps at most ten `Update` entries by folding the oldest into one
    /// `ancient-changes` entry per API version, as the API server does.
    mutating func capUpdateManagers() {
        var updaters = fields.filter { !$0.value.applied }.map(\.key)
        guard updaters.count > Self.maxUpdateManagers else { return }
        updaters.sort { a, b in
            let (ta, tb) = (RFC3339.seconds(times[a]), RFC3339.seconds(times[b]))
            return ta != tb ? ta < tb : a.identifier < b.identifier
        }
        var firstByVersion: [String: Manager] = [:]
        var remaining = updaters.count
        for manager in updaters where remaining > Self.maxUpdateManagers {
            guard let owned = fields[manager] else { continue }
            let bucket = Manager(name: Self.ancientChangesManager, operation: "Update", apiVersion: owned.apiVersion,
                                 subresource: nil)
            guard let first = firstByVersion[owned.apiVersion] else {
                firstByVersion[owned.apiVersion] = manager
                continue
            }
            if fields[bucket] == nil, let firstOwned = fields[first] {
                fields[first] = nil
                fields[bucket] = firstOwned
            }
            let bucketSet = fields[bucket]?.set ?? FieldSet()
            fields[bucket] = Owned(set: owned.set.union(bucketSet), apiVersion: owned.apiVersion, applied: false)
            fields[manager] = nil
            times[bucket] = times[manager]
            remaining -= 1
        }
    }

    /// The entries in the API server's order: `Apply` before `Update`, then
    /// oldest first (no time counts as oldest), then by manager, API version
    /// and subresource.
    var entries: [ManagedFieldsEntry] {
        let list = fields.map { manager, owned in
            ManagedFieldsEntry(manager: manager.name, operation: owned.applied ? "Apply" : manager.operation,
                               apiVersion: owned.apiVersion, time: times[manager], fieldsV1: owned.set.fieldsV1,
                               subresource: manager.subresource.isEmpty ? nil : manager.subresource)
        }
        return list.sorted { p, q in
            if p.operation != q.operation { return p.operation < q.operation }
            let (tp, tq) = (RFC3339.seconds(p.time), RFC3339.seconds(q.time))
            if tp != tq { return tp < tq }
            if p.manager != q.manager { return p.manager < q.manager }
            if p.apiVersion != q.apiVersion { return p.apiVersion < q.apiVersion }
            return (p.subresource ?? "") < (q.subresource ?? "")
        }
    }

    /// `object` with these managedFields (the key removed when there are none).
    func encode(into object: JSONValue) -> JSONValue {
        var result = object
        let list = entries
        if list.isEmpty {
            if var metadata = result["metadata"], metadata["managedFields"] != nil {
                metadata["managedFields"] = nil
                result["metadata"] = metadata
            }
        } else {
            var metadata = result["metadata"] ?? .emptyObject
            metadata["managedFields"] = .array(list.map(\.json))
            result["metadata"] = metadata
        }
        return result
    }
}
