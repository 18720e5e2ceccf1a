public import Foundation
public import Logging
import Synchronization

/// An in-process stand-in for the Prometheus instant-query API:
/// `GET /api/v1/query?query=...&time=...` and the same as a POST form.
///
/// It answers the vector a test set for the exact query string (else the default, else
/// an empty vector) in the Prometheus shape
/// `{"status": "success", "data": {"resultType": "vector", "result": [{"metric": {...}, "value": [<unix seconds>, "<value>"]}]}}`,
/// and errors as `{"status": "error", "errorType": ..., "error": ...}` (400 `bad_data`
/// for a missing query or a bad `time`).
///
/// - Important: all state sits behind one `Mutex`; every method is safe from any task.
public final class PrometheusStandIn: Sendable {
    let state = Mutex(PrometheusState())
    let now: @Sendable () -> Date
    let logger: Logger
    let server: StandInServer

    /// Largest form body accepted; a bigger one gets 413.
    static let maxBodyBytes = 1 << 20

    /// - Parameters:
    ///   - now: the evaluation time when a query gives no `time`.
    ///   - logger: where the server logs.
    public init(now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "kai.standin.prometheus")) {
        self.now = now
        self.logger = logger
        self.server = StandInServer(name: "Prometheus stand-in", logger: logger)
    }

    /// Starts serving on `host:port`; port 0 picks a free port (see ``url``).
    /// - Throws: ``StandInError`` when already running or when the address cannot be bound.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        try await server.start(router: makeRouter(), host: host, port: port)
    }

    /// The base URL (the `prometheus.address` to configure), e.g. `http://127.0.0.1:43126`;
    /// empty while not running.
    public var url: String { server.baseURL ?? "" }

    /// The bound port, or nil while not running.
    public var port: Int? { server.port }

    /// Stops serving. Values and counters are kept.
    public func stop() async {
        await server.stop()
    }

    /// Answers `query` with one series of `value` and `labels`.
    public func set(query: String, value: Double, labels: [String: String] = [:]) {
        set(query: query, samples: [PrometheusSample(value: value, labels: labels)])
    }

    /// Adds a series to the answer of `query`.
    public func add(query: String, value: Double, labels: [String: String] = [:]) {
        state.withLock { $0.results[query, default: []].append(PrometheusSample(value: value, labels: labels)) }
    }

    /// Answers `query` with `samples` (empty: an empty vector, as for a series that does not exist).
    public func set(query: String, samples: [PrometheusSample]) {
        state.withLock { $0.results[query] = samples }
    }

    /// Forgets what was set for `query` (its answer falls back to the default).
    public func remove(query: String) {
        state.withLock { state in
            state.results[query] = nil
            state.errors[query] = nil
        }
    }

    /// Answers every query that has nothing set with one series of `value` and `labels`.
    public func setDefault(value: Double, labels: [String: String] = [:]) {
        setDefault(samples: [PrometheusSample(value: value, labels: labels)])
    }

    /// Answers every query that has nothing set with `samples` (empty by default).
    public func setDefault(samples: [PrometheusSample]) {
        state.withLock { $0.defaultResult = samples }
    }

    /// Answers `query` with an error, e.g. 422 `execution` or 503 `timeout`.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a status outside 100...599.
    public func setError(query: String, status: Int = 422, errorType: String = "execution", error: String) throws {
        try HTTPReply.validate(status: status)
        state.withLock { $0.errors[query] = PrometheusError(status: status, errorType: errorType, message: error) }
    }

    /// Answers the next `count` requests (any query) with an error.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a negative count or a bad status.
    public func failNext(
        _ count: Int, status: Int = 503, errorType: String = "unavailable", error: String = "injected failure"
    ) throws {
        guard count >= 0 else { throw StandInError.invalidArgument("count must not be negative, got \(count)") }
        try HTTPReply.validate(status: status)
        let failure = PrometheusError(status: status, errorType: errorType, message: error)
        state.withLock { $0.failures += Array(repeating: failure, count: count) }
    }

    /// Requests received so far, including failed ones.
    public var callCount: Int { state.withLock { $0.calls } }

    /// The query strings received (the newest 1000), oldest first.
    public var queries: [String] { state.withLock { $0.queries } }

    /// How often `query` was asked.
    public func queryCount(_ query: String) -> Int { state.withLock { $0.queryCounts[query] ?? 0 } }

    /// The last request received, if any.
    public var lastRequest: RecordedRequest? { state.withLock { $0.lastRequest } }
}
