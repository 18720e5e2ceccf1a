/// One `x-kubernetes-validations` rule. The schema records them; evaluating CEL is out of
/// scope, so a server can log each as "not evaluated" instead of silently trusting it.
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
}
