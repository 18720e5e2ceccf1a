public import JSON
public import OrderedCollections

/// A CRD version's `openAPIV3Schema`, checked the way kube-apiserver v1.36 checks it when a
/// CRD is created, and able to validate, default and prune custom objects like the server.
///
/// Typical server flow for a request body (what apiextensions does while decoding and in
/// its strategy): `prune` (unknown fields, non-nullable nulls, embedded metadata) →
/// `applyDefaults` → `validate` / `validateUpdate` / `validateStatusUpdate`. Reads from
/// storage are pruned and defaulted the same way.
public struct StructuralSchema: Sendable {
    let node: SchemaNode

    init(node: SchemaNode) { self.node = node }

    /// Builds from a CRD version's `schema.openAPIV3Schema`; throws listing every violation the
    /// real server reports for it when a CRD is created (missing `type`, non-structural
    /// constructs, `metadata` with more than name/generateName, defaults that do not validate
    /// or are not pruned, list-map keys, ...). Paths are prefixed with `openAPIV3Schema`.
    public init(openAPIV3Schema: JSONValue) throws(SchemaError) {
        try self.init(openAPIV3Schema: openAPIV3Schema, fieldPath: "openAPIV3Schema")
    }

    /// Like `init(openAPIV3Schema:)`, with reported paths prefixed by `fieldPath`
    /// (e.g. `spec.versions[0].schema.openAPIV3Schema`, as the server reports them).
    public init(openAPIV3Schema: JSONValue, fieldPath: String) throws(SchemaError) {
        let path = FieldPath(fieldPath)
        var errors: [FieldError] = []
        let node = SchemaNode.decode(openAPIV3Schema, path: path, errors: &errors)
        if errors.isEmpty {
            errors = SchemaChecks.check(node, path: path)
        }
        guard errors.isEmpty else { throw SchemaError(errors: errors) }
        self.node = node
    }

    // MARK: Introspection

    /// The JSON this schema was built from.
    public var json: JSONValue { node.raw }
    /// `type`, or nil when not set (int-or-string and preserve-unknown-fields nodes may omit it).
    public var type: String? { node.type }
    public var format: String? { node.format }
    public var description: String? { node.description }
    /// `properties` in declaration order.
    public var properties: OrderedDictionary<String, StructuralSchema> {
        var out = OrderedDictionary<String, StructuralSchema>()
        for (name, child) in node.properties ?? [:] { out[name] = StructuralSchema(node: child) }
        return out
    }
    /// The schema of list items.
    public var items: StructuralSchema? { node.itemSchema.map(StructuralSchema.init(node:)) }
    /// The schema of map values (`additionalProperties` given as a schema).
    public var additionalProperties: StructuralSchema? {
        node.additionalPropertiesSchema.map(StructuralSchema.init(node:))
    }
    public var required: [String] { node.required ?? [] }
    public var enumValues: [JSONValue]? { node.enumValues }
    public var defaultValue: JSONValue? { node.defaultValue }
    public var isNullable: Bool { node.nullable }
    public var preservesUnknownFields: Bool { node.preservesUnknownFields }
    public var isEmbeddedResource: Bool { node.embeddedResource }
    public var isIntOrString: Bool { node.intOrString }

    /// Whether any `x-kubernetes-validations` rule exists in this schema.
    public var hasCELRules: Bool { node.containsCELRules }

    /// Every `x-kubernetes-validations` rule with the path of the field that carries it.
    public var celRules: [CELRule] {
        var out: [CELRule] = []
        collectRules(node, path: "", into: &out)
        return out
    }

    private func collectRules(_ node: SchemaNode, path: String, into out: inout [CELRule]) {
        for var rule in node.validations ?? [] {
            rule.path = path
            out.append(rule)
        }
        for (name, child) in node.properties ?? [:] {
            collectRules(child, path: path.isEmpty ? name : path + "." + name, into: &out)
        }
        if let items = node.itemSchema { collectRules(items, path: path + "[*]", into: &out) }
        if let values = node.additionalPropertiesSchema { collectRules(values, path: path + "[*]", into: &out) }
    }

    // MARK: Navigation

    /// The schema at a path of field names from this node; list items are stepped through
    /// implicitly (`["status", "conditions", "status"]`), map values are reached by any key.
    public func subschema(at path: [String]) -> StructuralSchema? {
        descend(path).map(StructuralSchema.init(node:))
    }

    func descend(_ path: [String]) -> SchemaNode? {
        var current = node
        for name in path {
            while current.properties?[name] == nil, let items = current.itemSchema { current = items }
            if let child = current.properties?[name] {
                current = child
            } else if let values = current.additionalPropertiesSchema {
                current = values
            } else {
                return nil
            }
        }
        return current
    }

    /// The merge type of the list at `path` (`x-kubernetes-list-type`, atomic by default).
    public func listType(at path: [String]) -> ListType {
        guard let list = descend(path) else { return .atomic }
        switch list.listType {
        case "map": return .map(keys: list.listMapKeys ?? [])
        case "set": return .set
        default: return .atomic
        }
    }

    /// Whether the map at `path` is `x-kubernetes-map-type: atomic` (granular by default).
    public func isAtomicMap(at path: [String]) -> Bool {
        descend(path)?.mapType == "atomic"
    }
}
