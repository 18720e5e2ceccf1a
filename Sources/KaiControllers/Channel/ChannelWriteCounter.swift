import KubeTransport
import Synchronization

/// An ``HTTPTransport`` that passes every request on and counts the API writes to Channels
/// (`POST`/`PUT`/`PATCH`/`DELETE` under `/channels`), for the benchmark and the tests that
/// hold the controller to its write budget.
final class ChannelWriteCounter: HTTPTransport {
    let base: any HTTPTransport
    let state = Mutex<[String: Int]>([:])

    /// Counts the requests of `base`, or of a new ``CurlTransport`` when nil.
    init(base: (any HTTPTransport)? = nil) throws(TransportError) {
        if let base { self.base = base } else { self.base = try CurlTransport() }
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        count(request)
        return try await base.send(request)
    }

    func stream(_ request: HTTPRequest) async throws(TransportError) -> HTTPStreamingResponse {
        try await base.stream(request)
    }

    func count(_ request: HTTPRequest) {
        guard ["POST", "PUT", "PATCH", "DELETE"].contains(request.method), let path = Self.path(of: request.url),
              path.contains("/channels/") || path.hasSuffix("/channels") else { return }
        let key = "\(request.method) \(path.hasSuffix("/status") ? "status" : "object")"
        state.withLock { $0[key, default: 0] += 1 }
    }

    /// Writes so far, by `"<METHOD> status|object"`.
    var counts: [String: Int] { state.withLock { $0 } }
    /// All writes so far.
    var total: Int { state.withLock { $0.values.reduce(0, +) } }

    static func path(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = rest[slash...]
        return String(path.prefix { $0 != "?" })
    }
}
