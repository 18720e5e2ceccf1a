/// A Channel field that breaks the contract, for objects that got past the API server's
/// schema (written before the CRD had the rule, or with another CRD installed).
public struct ChannelValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field, as a path from the object's root (`spec.kernel.temperature`).
    public var field: String
    /// What is wrong with it.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
