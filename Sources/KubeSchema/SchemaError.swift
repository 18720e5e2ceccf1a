/// Every violation found in an `openAPIV3Schema` (or a whole CRD), in the order the
/// real server reports them.
public struct SchemaError: Error, CustomStringConvertible, Sendable, Equatable {
    public var errors: [FieldError]

    public init(errors: [FieldError]) { self.errors = errors }

    /// The aggregate text the server puts after `... is invalid: `.
    public var description: String { FieldError.aggregate(errors) }
}
