/// An object handed to a reconcile helper lacks what the helper needs.
public struct InvalidObjectError: Error, Equatable, CustomStringConvertible {
    /// The object, as `Kind namespace/name` or what is known of it.
    public var object: String
    /// The missing or malformed field (`metadata.uid`).
    public var field: String
    /// What is wrong.
    public var reason: String

    /// An error about `field` of `object`.
    public init(object: String, field: String, reason: String) {
        self.object = object
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(object): \(field): \(reason)" }
}
