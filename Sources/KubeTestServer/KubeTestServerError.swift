/// A failure of the test server's own API (start-up, direct object access).
public struct KubeTestServerError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The HTTP status the equivalent API request would have answered, when there is one.
    public var code: Int?

    public init(_ message: String, code: Int? = nil) {
        self.message = message
        self.code = code
    }

    public var description: String { "KubeTestServer: \(message)" }
}
