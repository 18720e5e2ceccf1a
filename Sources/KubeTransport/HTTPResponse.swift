/// A complete HTTP response, body fully read.
public struct HTTPResponse: Sendable {
    /// The status code (200, 404, ...).
    public var status: Int
    /// The response headers (of the final response, not of any `1xx`).
    public var headers: HTTPHeaders
    /// The body, decoded from chunked transfer encoding if it was chunked.
    public var body: [UInt8]
    /// The protocol version actually used: `"1.1"`, `"2"` (or `"1.0"`).
    public var httpVersion: String

    /// A response with the given parts.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The body decoded as UTF-8 (invalid sequences replaced), for messages and logs.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
