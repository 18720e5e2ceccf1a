/// A response whose status and headers have arrived and whose body is still arriving:
/// what ``HTTPTransport/stream(_:)`` returns for watches.
///
/// - Important: Dropping the response (and every copy of ``body``) or cancelling the
///   task iterating ``body`` aborts the transfer and closes the connection or stream.
public struct HTTPStreamingResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The protocol version actually used: `"1.1"` or `"2"`.
    public var httpVersion: String
    /// The body, as chunks in arrival order.
    public var body: HTTPBodyStream

    /// A streaming response with the given parts (test doubles build one from
    /// ``HTTPBodyStream/init(_:)``).
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), httpVersion: String = "1.1", body: HTTPBodyStream) {
        self.status = status
        self.headers = headers
        self.httpVersion = httpVersion
        self.body = body
    }
}
