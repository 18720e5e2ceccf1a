import JSON

/// Key order of served objects: custom resources (unstructured) come back
/// with keys sorted, built-ins in Go struct order.
enum Ordering {
    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o):
            var out: JSONValue = [:]
            for key in o.keys.sorted() { out[key] = sortedKeys(o[key] ?? .null) }
            return out
        case .array(let a): return .array(a.map(sortedKeys))
        default: return value
        }
    }

    static let metadataOrder = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ]
    static let managedFieldsOrder = ["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1", "subresource"]

    /// `kind`, `apiVersion`, `metadata` first (metadata in ObjectMeta order), then the
    /// rest as given with `status` last.
    static func builtin(_ value: JSONValue) -> JSONValue {
        guard case .object(let o) = value else { return value }
        var out: JSONValue = [:]
        if let v = o["kind"] { out["kind"] = v }
        if let v = o["apiVersion"] { out["apiVersion"] = v }
        if let meta = o["metadata"] { out["metadata"] = metadata(meta) }
        for (k, v) in o where !["kind", "apiVersion", "metadata", "status"].contains(k) { out[k] = v }
        if let v = o["status"] { out["status"] = v }
        return out
    }

    static func metadata(_ value: JSONValue) -> JSONValue {
        guard case .object(let o) = value else { return value }
        var out: JSONValue = [:]
        for key in metadataOrder { if let v = o[key] { out[key] = key == "managedFields" ? managedFields(v) : v } }
        for (k, v) in o where !metadataOrder.contains(k) { out[k] = v }
        return out
    }

    static func managedFields(_ value: JSONValue) -> JSONValue {
        guard case .array(let entries) = value else { return value }
        return .array(entries.map { entry in
            guard case .object(let e) = entry else { return entry }
            var out: JSONValue = [:]
            for key in managedFieldsOrder { if let v = e[key] { out[key] = v } }
            for (k, v) in e where !managedFieldsOrder.contains(k) { out[k] = v }
            return out
        })
    }
}
