/// One `x-kubernetes-validations` rule. The schema compiles rules when a CRD is written
/// (`StructuralSchema.init` reports rules that do not compile) and evaluates them in
/// `validate`/`validateUpdate`/`validateStatusUpdate` (see `CELValidation`).
public struct CELRule: Sendable, Equatable {
    /// Where the rule sits, as a field path from the object root (`spec`,
    /// `status.conditions[*]`; `[*]` for list items and map values; empty for the root).
    public var path: String
    public var rule: String
    public var message: String?
    public var messageExpression: String?
    /// `FieldValueInvalid`, `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`.
    public var reason: String?
    public var fieldPath: String?
    public var optionalOldSelf: Bool?

    public init(path: String, rule: String, message: String? = nil, messageExpression: String? = nil,
                reason: String? = nil, fieldPath: String? = nil, optionalOldSelf: Bool? = nil) {
        self.path = path
        self.rule = rule
        self.message = message
        self.messageExpression = messageExpression
        self.reason = reason
        self.fieldPath = fieldPath
        self.optionalOldSelf = optionalOldSelf
    }

    /// Go's `%#v` of the `apiextensions.ValidationRule`, which the server prints as the bad
    /// value of a rule that does not compile. Pointer fields print as typed nil or, when set,
    /// as an opaque address (Go prints a real one; it is never stable).
    var goSyntax: String {
        let reasonText = reason == nil ? "(*apiextensions.FieldValueErrorReason)(nil)" : "(*apiextensions.FieldValueErrorReason)(0xc000000000)"
        let oldSelfText = optionalOldSelf == nil ? "(*bool)(nil)" : "(*bool)(0xc000000000)"
        return "apiextensions.ValidationRule{Rule:\(GoFormat.quote(rule)), Message:\(GoFormat.quote(message ?? "")), "
            + "MessageExpression:\(GoFormat.quote(messageExpression ?? "")), Reason:\(reasonText), "
            + "FieldPath:\(GoFormat.quote(fieldPath ?? "")), OptionalOldSelf:\(oldSelfText)}"
    }
}
