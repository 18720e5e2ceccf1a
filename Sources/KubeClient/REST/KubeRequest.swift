/// One API call before transport: method, path, query, body and media types.
public struct KubeRequest: Sendable {
    public var method: String
    /// Path below the server URL, starting with `/`.
    public var path: String
    public var query: [(name: String, value: String)] = []
    public var body: [UInt8]?
    public var contentType: String?
    public var accept: String = "application/json"
    /// nil: the client's request timeout. Watches set `.none` through `isWatch`.
    public var timeout: Duration?
    public var isWatch = false

    public init(method: String, path: String, query: [(name: String, value: String)] = [], body: [UInt8]? = nil,
                contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// Reads are safe to repeat after a server error; writes are not (the
    /// first attempt may have been applied).
    public var isIdempotent: Bool { method == "GET" || method == "HEAD" }

    /// `path?query`, with the query escaped.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\($0.name.queryEscaped)=\($0.value.queryEscaped)" }.joined(separator: "&")
    }
}
