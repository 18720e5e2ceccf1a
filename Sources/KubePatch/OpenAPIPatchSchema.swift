public import JSON

/// The patch schema of a custom resource, read from its CRD's
/// `openAPIV3Schema`: `x-kubernetes-list-type` / `x-kubernetes-list-map-keys`,
/// `x-kubernetes-map-type`, `properties` (declared fields) versus
/// `additionalProperties` (free-form keys), and
/// `x-kubernetes-preserve-unknown-fields` (granular maps, atomic lists).
/// `metadata` follows the `ObjectMeta` rules whatever the schema says.
public struct OpenAPIPatchSchema: PatchSchema, Sendable {
    private let root: JSONValue
    private let metadata: KindSchema

    /// - Parameter openAPIV3Schema: `spec.versions[].schema.openAPIV3Schema` of the CRD.
    public init(openAPIV3Schema: JSONValue) {
        root = openAPIV3Schema
        var meta = KindSchema()
        meta.objectMeta(at: ["metadata"])
        metadata = meta
    }

    /// What a path resolves to.
    private enum Node {
        case schema(JSONValue)
        /// Under `x-kubernetes-preserve-unknown-fields` without properties,
        /// or a field the schema does not mention.
        case untyped
    }

    private func resolve(_ path: [String]) -> (node: Node, declared: Bool) {
        var node = Node.schema(root)
        var declared = true
        for name in path {
            guard case .schema(var current) = node else {
                declared = false
                continue
            }
            // List elements are elided from paths: step into the item schema.
            while let items = current["items"], case .object = items { current = items }
            if let property = current[path: "properties", name], case .object = property {
                node = .schema(property)
                declared = true
            } else if let additional = current["additionalProperties"], case .object = additional {
                node = .schema(additional)
                declared = false
            } else {
                node = .untyped
                declared = false
            }
        }
        return (node, declared)
    }

    public func listType(at path: [String]) -> ListType {
        if path.first == "metadata" { return metadata.listType(at: path) }
        guard case .schema(let node) = resolve(path).node else { return .atomic }
        switch node["x-kubernetes-list-type"]?.stringValue {
        case "set": return .set
        case "map":
            let keys = node["x-kubernetes-list-map-keys"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return keys.isEmpty ? .atomic : .map(keys: keys)
        default: return .atomic
        }
    }

    public func isAtomicMap(at path: [String]) -> Bool {
        if path.first == "metadata" { return metadata.isAtomicMap(at: path) }
        guard case .schema(let node) = resolve(path).node else { return false }
        return node["x-kubernetes-map-type"]?.stringValue == "atomic"
    }

    public func isDeclaredField(at path: [String]) -> Bool {
        if path.first == "metadata" { return metadata.isDeclaredField(at: path) }
        return resolve(path).declared
    }

    public func defaultListMapKeyValue(at path: [String], key: String) -> JSONValue? {
        guard path.first != "metadata", case .schema(let node) = resolve(path).node else { return nil }
        return node[path: "items", "properties", key, "default"]
    }
}
