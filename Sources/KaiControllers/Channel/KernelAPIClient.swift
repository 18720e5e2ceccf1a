import Foundation
import JSON
public import KubeTransport

/// The kernel API of seed `000` (`KernelService`): create, info and release a kernel, over
/// the project's libcurl transport.
///
/// ## Guarantees
/// - Every call has a timeout (``timeout``) and is counted in ``ChannelMetrics``
///   (`kai_channel_kernel_requests_total{operation,code}` and the duration).
/// - `Authorization: Bearer <token>` is sent exactly when a token is given.
/// - Nothing is retried here: the reconciler decides (info before create, backoff).
///
/// ## Errors
/// ``KernelAPIError``: `.http` keeps the code, the reason phrase and a body excerpt; `.transport`
/// keeps the transport's reason (connection refused, timeout).
public struct KernelAPIClient: Sendable {
    /// The HTTP transport (a ``CurlTransport`` in production).
    public let transport: any HTTPTransport
    /// The longest a call may take, from connecting to the last byte.
    public let timeout: Duration
    let metrics: ChannelMetrics
    let elapsed: @Sendable () -> Duration

    /// - Parameters:
    ///   - timeout: per request.
    ///   - clock: measures the request durations for the metrics.
    public init(transport: any HTTPTransport, timeout: Duration, metrics: ChannelMetrics,
                clock: any Clock<Duration> = ContinuousClock()) {
        self.transport = transport
        self.timeout = timeout
        self.metrics = metrics
        elapsed = Self.stopwatch(clock)
    }

    /// Time since an origin on `clock` (opens the existential once, so calls can subtract instants).
    static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let origin = clock.now
        return { origin.duration(to: clock.now) }
    }

    /// `GET /api/kernel/info?contextId=`: the kernel, or nil when the kernel API answers 404.
    func info(baseURL: String, contextID: String, token: String?) async throws(KernelAPIError) -> KernelResponse? {
        let url = try Self.url(baseURL, "/api/kernel/info", contextID: contextID)
        let response = try await send(.info, HTTPRequest(method: "GET", url: url, headers: headers(token, body: false)))
        if response.status == 404 { return nil }
        try Self.requireSuccess(response, .info)
        return try KernelResponse(body: response.body, operation: .info)
    }

    /// `POST /api/kernel/create`: the kernel it made (or found).
    func create(baseURL: String, _ request: KernelCreateRequest, token: String?) async throws(KernelAPIError) -> KernelResponse {
        let url = try Self.url(baseURL, "/api/kernel/create", contextID: nil)
        let response = try await send(.create, HTTPRequest(method: "POST", url: url, headers: headers(token, body: true),
                                                          body: request.body.serializedBytes()))
        try Self.requireSuccess(response, .create)
        return try KernelResponse(body: response.body, operation: .create)
    }

    /// What `release` found.
    enum ReleaseOutcome: Sendable, Equatable {
        /// 2xx: the kernel was released.
        case released
        /// 404: there was no kernel (already released, or never created).
        case notFound
    }

    /// `DELETE /api/kernel/release?contextId=`.
    func release(baseURL: String, contextID: String, token: String?) async throws(KernelAPIError) -> ReleaseOutcome {
        let url = try Self.url(baseURL, "/api/kernel/release", contextID: contextID)
        let response = try await send(.release, HTTPRequest(method: "DELETE", url: url, headers: headers(token, body: false)))
        if response.status == 404 { return .notFound }
        try Self.requireSuccess(response, .release)
        return .released
    }

    func headers(_ token: String?, body: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders([("Accept", "application/json")])
        if body { headers.add(name: "Content-Type", value: "application/json") }
        if let token, !token.isEmpty { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return headers
    }

    func send(_ operation: KernelAPIOperation, _ request: HTTPRequest) async throws(KernelAPIError) -> HTTPResponse {
        var request = request
        request.timeout = timeout
        let start = elapsed()
        do {
            let response = try await transport.send(request)
            metrics.kernelRequest(operation, code: response.status, duration: elapsed() - start)
            return response
        } catch {
            metrics.kernelRequest(operation, code: nil, duration: elapsed() - start)
            throw .transport(operation: operation, error)
        }
    }

    static func requireSuccess(_ response: HTTPResponse, _ operation: KernelAPIOperation) throws(KernelAPIError) {
        guard !(200..<300).contains(response.status) else { return }
        throw .http(operation: operation, code: response.status, reason: HTTPReasonPhrase.phrase(for: response.status),
                    bodyExcerpt: KernelAPIError.excerpt(response.body))
    }

    /// `<base><path>[?contextId=<escaped>]`; the base may end with `/` or carry a path prefix.
    static func url(_ base: String, _ path: String, contextID: String?) throws(KernelAPIError) -> String {
        guard let parsed = URLComponents(string: base), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else {
            throw .invalidURL(base)
        }
        var prefix = base
        while prefix.hasSuffix("/") { prefix.removeLast() }
        guard let contextID else { return prefix + path }
        return prefix + path + "?contextId=" + (contextID.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? contextID)
    }

    /// Unreserved characters only: `&`, `=`, `+` and `#` in a contextId are escaped.
    static let queryValueAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
