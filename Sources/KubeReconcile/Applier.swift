public import JSON
public import KubeClient
import KubeWatch
public import Logging

/// Writes rendered children with server-side apply and prunes the ones no longer rendered.
///
/// ```swift
/// let applier = Applier(client: client)
/// let inventory = try await applier.apply(rendered)                  // SSA, field manager kai-operator, force
/// let pruned = try await applier.prune(previous: status.inventory, current: inventory, ownerUID: owner.uid)
/// status.inventory = inventory
/// ```
///
/// ## Guarantees
/// - Every apply is a server-side apply patch by field manager ``fieldManager``
///   (`kai-operator`) with `force=true`: the operator owns the fields it renders and takes them
///   back from anyone who changed them, while fields it does not render stay with their
///   managers.
/// - Pruning deletes exactly the previous inventory minus the current one (the same object
///   under another `apiVersion` of its group counts as kept), and only objects still
///   controlled by `ownerUID` when one is given; an object already gone counts as pruned.
///   The delete carries the object's uid as a precondition, so a re-created namesake survives.
public struct Applier: Sendable {
    /// The field manager of the operator (the API contract).
    public static let kaiFieldManager = "kai-operator"

    /// The client the applies and deletes go through.
    public let client: KubeClient
    /// The field manager of every apply.
    public let fieldManager: String
    let logger: Logger

    /// An applier writing as `fieldManager`.
    public init(client: KubeClient, fieldManager: String = Applier.kaiFieldManager,
                logger: Logger = Logger(label: "kai.applier")) {
        self.client = client
        self.fieldManager = fieldManager
        self.logger = logger
    }

    /// Server-side applies one object and returns it as the server has it.
    /// - Throws: ``InvalidObjectError`` when `apiVersion`, `kind`, `metadata.name` or (for a
    ///   namespaced kind) `metadata.namespace` is missing; the server's ``KubeError`` otherwise.
    @discardableResult
    public func apply(_ object: JSONValue) async throws -> JSONValue {
        let entry = try InventoryEntry(of: object)
        let resource = try await resourceType(of: entry)
        if resource.namespaced, entry.namespace == nil {
            throw InvalidObjectError(object: entry.description, field: "metadata.namespace",
                                     reason: "required for the namespaced kind \(resource.kind)")
        }
        return try await client.patch(resource, name: entry.name, namespace: entry.namespace, .apply(object),
                                      options: WriteOptions(fieldManager: fieldManager, force: true))
    }

    /// Applies every object in order and returns their inventory (sorted).
    public func apply(_ objects: [JSONValue]) async throws -> [InventoryEntry] {
        var entries: [InventoryEntry] = []
        for object in objects {
            try await apply(object)
            entries.append(try InventoryEntry(of: object))
        }
        return entries.sorted()
    }

    /// Deletes what was in `previous` and is not in `current`.
    /// - Parameter ownerUID: when set, an object whose controller owner reference points
    ///   elsewhere is left alone (it was adopted or re-created by someone else).
    /// - Returns: the entries that are gone now (deleted, or already absent), sorted.
    public func prune(previous: [InventoryEntry], current: [InventoryEntry], ownerUID: String? = nil) async throws -> [InventoryEntry] {
        let kept = Set(current.map(\.identity))
        var pruned: [InventoryEntry] = []
        var seen = Set<String>()
        for entry in previous.sorted() where !kept.contains(entry.identity) && seen.insert(entry.identity).inserted {
            if try await delete(entry, ownerUID: ownerUID) { pruned.append(entry) }
        }
        return pruned
    }

    /// Deletes one pruned child; false when it was left alone.
    func delete(_ entry: InventoryEntry, ownerUID: String?) async throws -> Bool {
        let resource = try await resourceType(of: entry)
        let live: JSONValue
        switch await result({ () async throws(KubeError) in try await client.get(resource, name: entry.name, namespace: entry.namespace) }) {
        case .success(let value): live = value
        case .failure(let error) where error.isNotFound: return true
        case .failure(let error): throw error
        }
        let meta = ObjectMeta(metadataOf: live)
        if let ownerUID, meta.controllerReference?.uid != ownerUID {
            logger.info("not pruning a child that is no longer ours", metadata: ["child": "\(entry)"])
            return false
        }
        let options = DeleteOptions(propagationPolicy: "Background", preconditionUID: meta.uid)
        switch await result({ () async throws(KubeError) in
            try await client.delete(resource, name: entry.name, namespace: entry.namespace, options: options)
        }) {
        case .success:
            logger.info("pruned a child that is no longer rendered", metadata: ["child": "\(entry)"])
            return true
        case .failure(let error) where error.isNotFound:
            return true
        case .failure(let error) where error.isConflict:
            // The uid precondition failed: a new object of that name appeared meanwhile.
            logger.info("not pruning a re-created child", metadata: ["child": "\(entry)"])
            return false
        case .failure(let error):
            throw error
        }
    }

    /// The outcome of a client call as a value (keeps typed errors out of `catch` clauses).
    func result<T>(_ call: () async throws(KubeError) -> T) async -> Result<T, KubeError> {
        do { return .success(try await call()) } catch { return .failure(error) }
    }

    /// Built-in kinds without a round trip; anything else through discovery.
    func resourceType(of entry: InventoryEntry) async throws(KubeError) -> ResourceType {
        if let builtin = ResourceType.builtin(apiVersion: entry.apiVersion, kind: entry.kind) { return builtin }
        return try await client.resource(apiVersion: entry.apiVersion, kind: entry.kind)
    }
}
