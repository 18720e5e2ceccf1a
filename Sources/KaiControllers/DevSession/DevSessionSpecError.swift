/// A DevSession spec value the operator cannot use: names the field, the value and why.
///
/// The CRD schema refuses most of these already; the renderer checks again because
/// `kai-operator render -f` reads files no API server has seen, and because a DevSession
/// written before a schema rule existed must stall with a clear message rather than fail
/// somewhere in the API server's answer to a child.
public struct DevSessionSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the field, e.g. `spec.storage.size`.
    public var field: String
    /// The offending value as written.
    public var value: String
    /// Why it is refused.
    public var reason: String

    public init(field: String, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(field): \(value.isEmpty ? "" : "\"\(value)\" ")\(reason)" }
}
