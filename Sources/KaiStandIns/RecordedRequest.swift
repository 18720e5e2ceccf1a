/// One request as a stand-in received it, for assertions on what a client sent.
public struct RecordedRequest: Sendable, Equatable {
    /// The HTTP method (`POST`, ...).
    public var method: String
    /// The path without the query (`/api/kernel/create`).
    public var path: String
    /// The raw (still percent-encoded) query, or nil when there was none.
    public var query: String?
    /// The header fields, names lowercased; repeated fields joined with `", "`.
    public var headers: [String: String]
    /// The body bytes.
    public var body: [UInt8]

    /// A request record; see the properties.
    public init(method: String, path: String, query: String?, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The value of header `name` (any case), or nil.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
