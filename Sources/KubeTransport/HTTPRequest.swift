/// One HTTP request, transport-independent.
public struct HTTPRequest: Sendable {
    /// The method: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, ... (an HTTP token).
    public var method: String
    /// The absolute `http://` or `https://` URL, query included.
    public var url: String
    /// Request headers. The transport adds `User-Agent` (unless given) and the
    /// framing headers (`Host`, `Content-Length`).
    public var headers: HTTPHeaders
    /// The request body, or nil for none.
    public var body: [UInt8]?
    /// The total time allowed for the request, from connecting to the last byte.
    ///
    /// For ``HTTPTransport/send(_:)`` nil means the transport's default
    /// (``TransportOptions/defaultTimeout``); for ``HTTPTransport/stream(_:)`` nil means
    /// no limit, which is what watches want (the server ends them).
    public var timeout: Duration?

    /// A request; GET without body by default.
    public init(
        method: String = "GET",
        url: String,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8]? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
