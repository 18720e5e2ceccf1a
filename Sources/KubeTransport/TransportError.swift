/// Why a request got no (complete) response. Its description names the request and
/// libcurl's reason, e.g.
/// `GET https://127.0.0.1:1/api: Couldn't connect to server: Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server`.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad cause, for deciding whether to retry and what to tell the user.
    public enum Kind: String, Sendable, Hashable {
        /// The request itself is malformed (bad URL, method or header) or uses an unsupported scheme.
        case invalidRequest
        /// The transport's options are unusable (e.g. a client certificate without its key).
        case configuration
        /// The host (or proxy) name did not resolve.
        case dns
        /// The TCP connection could not be established (refused, unreachable).
        case connect
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The connect timeout or the request's total timeout elapsed.
        case timeout
        /// The caller cancelled (task cancelled or stream dropped).
        case cancelled
        /// The connection broke after it was established (reset, truncated response, HTTP/2 stream error).
        case connectionLost
        /// Anything else libcurl reports.
        case other
    }

    /// The broad cause.
    public var kind: Kind
    /// The request method.
    public var method: String
    /// The request URL as given by the caller.
    public var url: String
    /// libcurl's `CURLcode`, when the error came from libcurl.
    public var curlCode: Int32?
    /// The generic reason for ``curlCode`` (`curl_easy_strerror`), or a short summary.
    public var summary: String
    /// The specific reason (libcurl's error buffer), e.g. "SSL certificate problem: certificate has expired".
    public var message: String

    /// An error; test doubles use this to simulate failures.
    public init(kind: Kind, method: String, url: String, curlCode: Int32? = nil, summary: String, message: String = "") {
        self.kind = kind
        self.method = method
        self.url = url
        self.curlCode = curlCode
        self.summary = summary
        self.message = message
    }

    public var description: String {
        let detail = message.isEmpty || message == summary ? "" : ": \(message)"
        return "\(method) \(url): \(summary)\(detail)"
    }
}
