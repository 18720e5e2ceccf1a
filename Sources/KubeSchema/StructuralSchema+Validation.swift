public import JSON

extension StructuralSchema {
    /// Validates a whole custom object on create, in the order and with the messages of the
    /// real server: OpenAPI value validation, embedded resources (`apiVersion`, `kind`,
    /// `metadata` of `x-kubernetes-embedded-resource` fields), list-set/list-map uniqueness,
    /// then — when the schema has CEL rules and an earlier error blocks them — the
    /// `<nil>: Invalid value: null: some validation rules were not checked ...` cause.
    ///
    /// `apiVersion`/`kind`/top-level `metadata` are the caller's job; pass what it found as
    /// `precedingErrors` so they come first and take part in the CEL-blocking decision.
    /// CEL rules themselves are not evaluated (see `celRules`).
    public func validate(_ object: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        errors += valueErrors(object, at: nil)
        errors += embeddedResourceErrors(object)
        errors += listErrors(object)
        appendCELBlockingCause(to: &errors)
        return errors
    }

    /// Validates an update of the main resource, with the server's ratcheting: a schema
    /// error on a value that did not change (compared with the correlated old value) is
    /// dropped, and list-set/list-map uniqueness is only enforced when the old object
    /// satisfied it. Everything else is as in `validate`.
    public func validateUpdate(old: JSONValue, new: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        errors += ratchetedValueErrors(new: new, old: old, node: node, base: .root)
        errors += embeddedResourceErrors(new)
        if listErrors(old).isEmpty { errors += listErrors(new) }
        appendCELBlockingCause(to: &errors)
        return errors
    }

    /// Validates a write to the `/status` subresource like the server: only `status` is
    /// validated, against `properties.status`, so value messages name paths relative to status
    /// (`status.conditions[0].lastTransitionTime: Invalid value: "yesterday":
    /// conditions[0].lastTransitionTime in body must be of type date-time: "yesterday"`).
    /// Errors of unchanged values are ratcheted as in `validateUpdate`.
    public func validateStatusUpdate(old: JSONValue, new: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        if let status = new["status"], let statusSchema = node.properties?["status"] {
            errors += ratchetedValueErrors(new: status, old: old["status"], node: statusSchema, base: FieldPath("status"))
        }
        let newListErrors = listErrors(new)
        if !newListErrors.isEmpty && listErrors(old).isEmpty { errors += newListErrors }
        appendCELBlockingCause(to: &errors)
        return errors
    }

    /// OpenAPI value validation of `value` against this schema only (no embedded-resource or
    /// list checks). `fieldPath` prefixes the reported fields; nil reports them from the
    /// object root (`spec.size`), exactly like the server's `ValidateCustomResource`.
    public func validateValue(_ value: JSONValue, fieldPath: String? = nil) -> [FieldError] {
        valueErrors(value, at: fieldPath.map(FieldPath.init) ?? .root)
    }

    func valueErrors(_ value: JSONValue, at base: FieldPath?) -> [FieldError] {
        OpenAPIValidator.validate(value, node, path: "").errors.map { $0.fieldError(base: base ?? .root) }
    }

    private func ratchetedValueErrors(new: JSONValue, old: JSONValue?, node: SchemaNode, base: FieldPath) -> [FieldError] {
        OpenAPIValidator.validate(new, node, path: "").errors
            .filter { !Ratcheting.isRatcheted($0.origin, new: new, old: old, schema: node) }
            .map { $0.fieldError(base: base) }
    }

    private func appendCELBlockingCause(to errors: inout [FieldError]) {
        if node.containsCELRules && errors.contains(where: \.blocksCELRules) {
            errors.append(.celRulesNotChecked)
        }
    }

    // MARK: x-kubernetes-list-type uniqueness

    /// `structurallisttype.ValidateListSetsAndMaps` over the whole object.
    func listErrors(_ object: JSONValue) -> [FieldError] {
        guard case .object = object else { return [] }
        var errors: [FieldError] = []
        ListValidation.validate(object, node, path: .root, into: &errors)
        return errors
    }

    // MARK: embedded resources

    /// `schemaobjectmeta.Validate(nil, object, schema, false)`: checks every
    /// `x-kubernetes-embedded-resource` value below the root.
    func embeddedResourceErrors(_ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        EmbeddedResource.validate(object, node, path: .root, into: &errors)
        return errors
    }
}
