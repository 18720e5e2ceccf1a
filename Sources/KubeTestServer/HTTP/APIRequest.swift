import Foundation
import JSON

/// An HTTP request as the API logic sees it, independent of the HTTP server library.
struct APIRequest: Sendable {
    var method: String
    /// The path without the query, percent-decoded.
    var path: String
    var query: QueryItems
    /// Header values by lower-cased name (repeated headers joined with ", ").
    var headers: [String: String]
    var body: [UInt8]
    /// The identity from a verified TLS client certificate.
    var clientCertificate: UserInfo? = nil

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The media type of the body without parameters, lower-cased.
    var contentType: String? {
        header("content-type").map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// Decoded query parameters, in order, repeated names kept.
struct QueryItems: Sendable {
    var items: [(name: String, value: String)]

    init(_ raw: String) {
        items = raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryItems.decode(String(parts[0]))
            let value = parts.count > 1 ? QueryItems.decode(String(parts[1])) : ""
            return (name, value)
        }
    }

    subscript(_ name: String) -> String? { items.first { $0.name == name }?.value }
    func all(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }
    func has(_ name: String) -> Bool { items.contains { $0.name == name } }

    /// A boolean parameter as Go's `strconv.ParseBool` reads it (`1`, `true`, ...).
    func flag(_ name: String) -> Bool {
        guard let v = self[name] else { return false }
        return ["1", "t", "T", "true", "TRUE", "True"].contains(v)
    }

    /// Percent-decoding with `+` as space (Go's `url.ParseQuery`).
    static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(s.utf8).makeIterator()
        while let b = iterator.next() {
            if b == UInt8(ascii: "+") { bytes.append(UInt8(ascii: " ")); continue }
            if b == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(),
               let hv = hexValue(h), let lv = hexValue(l) {
                bytes.append(hv << 4 | lv)
                continue
            }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 65...70: return b - 55
        case 97...102: return b - 87
        default: return nil
        }
    }
}

/// The answer to an `APIRequest`.
struct APIResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        /// Streamed (chunked) body; the stream ends the response when it finishes.
        case stream(AsyncStream<[UInt8]>)
    }

    var status: Int
    var headers: [(String, String)]
    var body: Body

    static let standardHeaders: [(String, String)] = [("Cache-Control", "no-cache, private")]

    static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> APIResponse {
        APIResponse(status: status, headers: standardHeaders + [("Content-Type", "application/json")] + headers,
                    body: .bytes(value.serializedBytes() + [0x0A]))
    }

    static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8",
                     headers: [(String, String)] = []) -> APIResponse {
        APIResponse(status: status, headers: standardHeaders + [("Content-Type", contentType)] + headers,
                    body: .bytes(Array(text.utf8)))
    }

    static func error(_ error: APIError) -> APIResponse {
        if error.plainNotFound {
            return text(404, "404 page not found\n", headers: [("X-Content-Type-Options", "nosniff")])
        }
        var extra = error.extraHeaders
        if let retry = error.retryAfterSeconds { extra.append(("Retry-After", String(retry))) }
        if error.code == 403 { extra.append(("X-Content-Type-Options", "nosniff")) }
        return json(error.code, error.status, headers: extra)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
