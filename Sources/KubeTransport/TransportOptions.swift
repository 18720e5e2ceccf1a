/// Settings of a ``CurlTransport`` shared by all its requests.
public struct TransportOptions: Sendable, Hashable {
    /// Server and client authentication.
    public var tls: TLSOptions
    /// The time allowed to establish a connection (TCP and TLS handshake).
    public var connectTimeout: Duration
    /// The total time allowed for ``HTTPTransport/send(_:)`` requests that do not set
    /// their own ``HTTPRequest/timeout``; nil for no limit. Streams have no default limit.
    public var defaultTimeout: Duration?
    /// The `User-Agent` header sent unless a request sets its own.
    public var userAgent: String
    /// Negotiate HTTP/2 over TLS (via ALPN) when the server offers it; plain-text
    /// `http://` always uses HTTP/1.1.
    public var http2: Bool
    /// How many idle connections to keep open for reuse. Not a cap on concurrent
    /// connections: long-running HTTP/1.1 watches each hold one, and capping them
    /// would stall every other request.
    public var maxIdleConnections: Int
    /// An explicit proxy URL (kubeconfig `proxy-url`). When nil, libcurl reads
    /// `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` from the environment as usual.
    public var proxyURL: String?
    /// How many body bytes a stream buffers for a consumer that is not keeping up
    /// before the transfer is paused (TCP / HTTP/2 flow control then slows the server).
    public var streamBufferLimit: Int
    /// Idle time before TCP keep-alive probes start, so a dead peer under a quiet
    /// watch is noticed; nil disables keep-alive probes.
    public var tcpKeepAlive: Duration?

    /// Options with sensible defaults: 10 s connect, 60 s total, HTTP/2 on.
    public init(
        tls: TLSOptions = TLSOptions(),
        connectTimeout: Duration = .seconds(10),
        defaultTimeout: Duration? = .seconds(60),
        userAgent: String = "kai-operator",
        http2: Bool = true,
        maxIdleConnections: Int = 32,
        proxyURL: String? = nil,
        streamBufferLimit: Int = 1 << 20,
        tcpKeepAlive: Duration? = .seconds(30)
    ) {
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
        self.userAgent = userAgent
        self.http2 = http2
        self.maxIdleConnections = maxIdleConnections
        self.proxyURL = proxyURL
        self.streamBufferLimit = streamBufferLimit
        self.tcpKeepAlive = tcpKeepAlive
    }
}
