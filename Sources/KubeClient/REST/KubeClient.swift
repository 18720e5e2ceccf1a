public import Foundation
public import JSON
public import KubeTransport
public import Logging
import Synchronization

/// A Kubernetes REST client: typed verbs for ``KubernetesResource`` types and
/// untyped verbs (``JSONValue``) for anything else, with the API server's
/// errors decoded into ``KubeError``.
///
/// - Important: Retries follow client-go: 429 (the server did not process the
///   request) is retried for every verb, honouring `Retry-After`; 5xx and
///   connection failures are retried only for reads; other writes are never
///   repeated blindly. A 401 with refreshable credentials (exec plugin, token
///   file) refreshes them and retries once.
public final class KubeClient: Sendable {
    public let configuration: ClientConfiguration
    let authenticator: Authenticator
    let clock: any Clock<Duration>
    let logger: Logger
    let retry: RetryPolicy
    let rateLimiter: TokenBucket?
    let transports: TransportCache
    /// Discovery of kinds and resources, cached.
    public let discovery: Discovery
    let observer: RequestObserver?

    /// Called after every HTTP exchange (for `rest_client_requests_total{code,method,host}`).
    public typealias RequestObserver = @Sendable (_ method: String, _ code: String, _ host: String) -> Void

    /// - Parameters:
    ///   - transport: the HTTP transport; nil builds a ``CurlTransport`` from the configuration.
    ///   - clock: drives retry waits and the client-side rate limit (tests pass a manual clock).
    ///   - now: wall time, for exec credential expiry.
    public init(configuration: ClientConfiguration,
                transport: (any HTTPTransport)? = nil,
                clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> Date = { Date() },
                retry: RetryPolicy = RetryPolicy(),
                logger: Logger = Logger(label: "kai.kube-client"),
                observer: RequestObserver? = nil) throws(KubeError) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.retry = retry
        self.observer = observer
        authenticator = Authenticator(configuration: configuration, now: now)
        rateLimiter = configuration.rateLimit.map { TokenBucket(qps: $0.qps, burst: $0.burst, clock: clock) }
        transports = try TransportCache(configuration: configuration, fixed: transport)
        discovery = Discovery()
    }

    /// A client from the usual places (see ``ClientConfiguration/load(kubeconfig:context:environment:)``).
    public convenience init(kubeconfig: String? = nil, context: String? = nil,
                            logger: Logger = Logger(label: "kai.kube-client")) throws(KubeError) {
        try self.init(configuration: ClientConfiguration.load(kubeconfig: kubeconfig, context: context), logger: logger)
    }

    /// Performs a request with retries and returns a 2xx response; any other
    /// status becomes ``KubeError/api(_:)``.
    public func send(_ request: KubeRequest) async throws(KubeError) -> HTTPResponse {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            attempt += 1
            if let rateLimiter { await rateLimiter.acquire() }
            let identity = try await authenticator.identity()
            let http = makeHTTPRequest(request, identity: identity)
            let transport = try transports.transport(for: identity)
            let response: HTTPResponse
            do {
                response = try await transport.send(http)
            } catch {
                observer?(request.method, "<error>", hostOf(http.url))
                // Retry reads after failures that happen before a request can have had an
                // effect, or that a read cannot make worse; never a cancelled call.
                if error.kind != .cancelled, error.kind != .invalidRequest, error.kind != .configuration,
                   request.isIdempotent, attempt <= retry.maxServerErrorRetries {
                    let delay = retry.backoff(attempt: attempt)
                    logger.debug("retrying after a transport error", metadata: ["url": "\(http.url)", "error": "\(error)", "delay": "\(delay)"])
                    try await sleep(delay)
                    continue
                }
                throw .transport(error)
            }
            observer?(request.method, String(response.status), hostOf(http.url))
            if (200..<300).contains(response.status) { return response }

            let apiError = Self.apiError(response, method: request.method, url: http.url)
            switch response.status {
            case 429 where attempt <= retry.maxTooManyRequestsRetries:
                let delay = apiError.retryAfterSeconds.map { Duration.seconds($0) } ?? retry.backoff(attempt: attempt)
                logger.debug("server asked to retry (429)", metadata: ["url": "\(http.url)", "delay": "\(delay)"])
                try await sleep(delay)
                continue
            case 500...599 where request.isIdempotent && attempt <= retry.maxServerErrorRetries && response.status != 501:
                let delay = apiError.retryAfterSeconds.map { Duration.seconds($0) } ?? retry.backoff(attempt: attempt)
                logger.debug("retrying a read after a server error", metadata: ["url": "\(http.url)", "code": "\(response.status)"])
                try await sleep(delay)
                continue
            case 401 where !refreshedCredentials:
                refreshedCredentials = true
                if await authenticator.invalidate() { continue }
                throw .api(apiError)
            default:
                throw .api(apiError)
            }
        }
    }

    func sleep(_ delay: Duration) async throws(KubeError) {
        do { try await clock.sleep(for: delay) } catch {
            throw .transport(TransportError(kind: .cancelled, method: "", url: configuration.server, summary: "cancelled while waiting to retry"))
        }
    }

    func makeHTTPRequest(_ request: KubeRequest, identity: Authenticator.Identity) -> HTTPRequest {
        var headers = HTTPHeaders([("Accept", request.accept), ("User-Agent", configuration.userAgent)])
        if let auth = identity.authorization { headers.add(name: "Authorization", value: auth) }
        if let contentType = request.contentType { headers.add(name: "Content-Type", value: contentType) }
        return HTTPRequest(method: request.method, url: configuration.server + request.pathAndQuery,
                           headers: headers, body: request.body,
                           timeout: request.isWatch ? nil : (request.timeout ?? configuration.requestTimeout))
    }

    func hostOf(_ url: String) -> String { URL(string: url)?.host.map { h in URL(string: url)?.port.map { "\(h):\($0)" } ?? h } ?? url }

    /// Decodes the error body (a `Status` when it is JSON) into an ``APIError``.
    static func apiError(_ response: HTTPResponse, method: String, url: String) -> APIError {
        var status: Status?
        if let value = try? JSONValue(parsing: response.body), value["kind"]?.stringValue == "Status" {
            status = try? value.decode(Status.self)
        }
        let retryAfter = response.headers["retry-after"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return APIError(code: response.status, method: method, url: url, status: status, body: response.body, retryAfter: retryAfter)
    }
}

/// How many times and how long to wait before retrying.
public struct RetryPolicy: Sendable {
    /// 429 retries (any verb): client-go allows 10.
    public var maxTooManyRequestsRetries = 10
    /// 5xx and connection-error retries for reads.
    public var maxServerErrorRetries = 5
    public var initialBackoff: Duration = .milliseconds(200)
    public var maxBackoff: Duration = .seconds(10)

    public init() {}

    /// Exponential backoff: initial * 2^(attempt-1), capped.
    public func backoff(attempt: Int) -> Duration {
        var d = initialBackoff
        for _ in 1..<max(1, attempt) {
            d = d * 2
            if d >= maxBackoff { return maxBackoff }
        }
        return min(d, maxBackoff)
    }
}

/// The transport for each client identity: one for the configured identity,
/// another when an exec plugin hands out its own client certificate.
final class TransportCache: Sendable {
    private let base: ClientConfiguration
    private let state: Mutex<[String: any HTTPTransport]>
    private let fixed: (any HTTPTransport)?

    init(configuration: ClientConfiguration, fixed: (any HTTPTransport)?) throws(KubeError) {
        base = configuration
        self.fixed = fixed
        state = Mutex([:])
        if fixed == nil { _ = try transport(for: Authenticator.Identity()) }
    }

    func transport(for identity: Authenticator.Identity) throws(KubeError) -> any HTTPTransport {
        if let fixed { return fixed }
        let key = identity.clientCertificatePEM.map { String(decoding: $0, as: UTF8.self) } ?? ""
        if let existing = state.withLock({ $0[key] }) { return existing }
        var options = TransportOptions()
        options.tls = base.tls
        if let cert = identity.clientCertificatePEM, let key = identity.clientKeyPEM {
            options.tls.clientCertificatePEM = cert
            options.tls.clientKeyPEM = key
        }
        options.userAgent = base.userAgent
        options.proxyURL = base.proxyURL
        let made: any HTTPTransport
        do { made = try CurlTransport(options: options) } catch {
            throw .configuration("cannot set up the HTTP transport for \(base.server): \(error)")
        }
        return state.withLock { cache in
            if let existing = cache[key] { return existing }
            cache[key] = made
            return made
        }
    }
}
