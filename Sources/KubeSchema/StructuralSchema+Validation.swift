public import JSON

extension StructuralSchema {
    /// Validates a whole custom object on create, in the order and with the messages of the
    /// real server: OpenAPI value validation, embedded resources (`apiVersion`, `kind`,
    /// `metadata` of `x-kubernetes-embedded-resource` fields), list-set/list-map uniqueness,
    /// then the `x-kubernetes-validations` CEL rules — or, when an earlier error blocks them,
    /// the `<nil>: Invalid value: null: some validation rules were not checked ...` cause.
    ///
    /// `apiVersion`/`kind`/top-level `metadata` are the caller's job; pass what it found as
    /// `precedingErrors` so they come first and take part in the CEL-blocking decision.
    public func validate(_ object: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        errors += valueErrors(object, at: nil)
        errors += embeddedResourceErrors(object)
        errors += listErrors(object)
        appendCELResults(new: object, old: nil, to: &errors)
        return errors
    }

    /// Validates an update of the main resource, with the server's ratcheting: a schema
    /// error on a value that did not change (compared with the correlated old value) is
    /// dropped, and list-set/list-map uniqueness is only enforced when the old object
    /// satisfied it. CEL transition rules (`oldSelf`) see the old object, and a failing rule
    /// whose value did not change is ratcheted too. Everything else is as in `validate`.
    public func validateUpdate(old: JSONValue, new: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        errors += ratchetedValueErrors(new: new, old: old, node: node, base: .root)
        errors += embeddedResourceErrors(new)
        if listErrors(old).isEmpty { errors += listErrors(new) }
        appendCELResults(new: new, old: old, to: &errors)
        return errors
    }

    /// Validates a write to the `/status` subresource like the server: only `status` is
    /// validated, against `properties.status`, so value messages name paths relative to status
    /// (`status.conditions[0].lastTransitionTime: Invalid value: "yesterday":
    /// conditions[0].lastTransitionTime in body must be of type date-time: "yesterday"`).
    /// Errors of unchanged values are ratcheted as in `validateUpdate`; CEL rules run over the
    /// whole object (unchanged parts ratchet away) like the server's status strategy.
    public func validateStatusUpdate(old: JSONValue, new: JSONValue, precedingErrors: [FieldError] = []) -> [FieldError] {
        var errors = precedingErrors
        if let status = new["status"], let statusSchema = node.properties?["status"] {
            errors += ratchetedValueErrors(new: status, old: old["status"], node: statusSchema, base: FieldPath("status"))
        }
        let newListErrors = listErrors(new)
        if !newListErrors.isEmpty && listErrors(old).isEmpty { errors += newListErrors }
        appendCELResults(new: new, old: old, to: &errors)
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

    /// The server's last step: CEL rules run only when no earlier error blocks them.
    private func appendCELResults(new: JSONValue, old: JSONValue?, to errors: inout [FieldError]) {
        guard node.containsCELRules else { return }
        if errors.contains(where: \.blocksCELRules) {
            errors.append(.celRulesNotChecked)
        } else {
            CELValidation.validate(new, old: old, node: node, path: .root, resourceRoot: true, unchanged: false, into: &errors)
        }
    }

    /// Only the `x-kubernetes-validations` rules over `object` (`old` for updates), with the
    /// server's messages: `spec: Invalid value: size must be at most 10`.
    public func celErrors(_ object: JSONValue, old: JSONValue? = nil) -> [FieldError] {
        var errors: [FieldError] = []
        CELValidation.validate(object, old: old, node: node, path: .root, resourceRoot: true, unchanged: false, into: &errors)
        return errors
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
