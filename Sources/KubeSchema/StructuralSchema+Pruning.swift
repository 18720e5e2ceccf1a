public import JSON

extension StructuralSchema {
    /// What the server does to a custom object while decoding it, before defaulting:
    /// drops fields the schema does not know (except under `x-kubernetes-preserve-unknown-fields`
    /// and the `apiVersion`/`kind`/`metadata` of the root and of embedded resources), drops
    /// `null`s of non-nullable fields without a default, and coerces embedded resources'
    /// metadata to `ObjectMeta` (unknown metadata fields dropped, `creationTimestamp: null`).
    ///
    /// - Returns: the dropped fields' paths, sorted, as the server lists them in
    ///   `Warning: 299 - "unknown field \"spec.shape\""` (or a Strict-validation 400).
    @discardableResult
    public func prune(_ object: inout JSONValue) -> [String] {
        var unknown: [String] = []
        Pruner.prune(&object, node, isResourceRoot: true, path: "", unknown: &unknown)
        unknown.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        Pruner.dropNonNullableNulls(&object, node)
        var metadataUnknown: [String] = []
        EmbeddedResource.coerce(&object, node, path: "", unknown: &metadataUnknown)
        return unknown + metadataUnknown
    }
}
