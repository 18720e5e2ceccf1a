public import JSON

extension StructuralSchema {
    /// The schema of one version of a CRD, checked like the server checks it on create
    /// (paths as the server reports them: `spec.validation.openAPIV3Schema...` when every
    /// version has the same schema, `spec.versions[i].schema.openAPIV3Schema...` otherwise).
    ///
    /// Returns nil when the version does not exist or has no schema.
    public init?(crd: JSONValue, version: String) throws(SchemaError) {
        let document = CRDDocument(crd)
        if !document.decodeErrors.isEmpty { throw SchemaError(errors: document.decodeErrors) }
        guard let index = document.versions.firstIndex(where: { $0.name == version }) else { return nil }
        let schema: JSONValue
        let path: FieldPath
        let statusEnabled: Bool
        if let perVersion = document.versions[index].schema {
            schema = perVersion
            path = FieldPath("spec").child("versions").index(index).child("schema").child("openAPIV3Schema")
            statusEnabled = document.subresources(forVersion: index)?.status ?? false
        } else if let topLevel = document.validation {
            schema = topLevel
            path = FieldPath("spec").child("validation").child("openAPIV3Schema")
            statusEnabled = document.anyStatusEnabled
        } else {
            return nil
        }
        var errors: [FieldError] = []
        let node = SchemaNode.decode(schema, path: path, errors: &errors)
        if errors.isEmpty { errors = SchemaChecks.check(node, path: path, statusSubresource: statusEnabled) }
        guard errors.isEmpty else { throw SchemaError(errors: errors) }
        self.init(node: node)
    }
}
