/// What the Prometheus stand-in answers and what it has been asked, behind one `Mutex`.
struct PrometheusState {
    /// Queries kept for ``PrometheusStandIn/queries``; older ones are dropped.
    static let queryLogLimit = 1000

    var results: [String: [PrometheusSample]] = [:]
    var defaultResult: [PrometheusSample] = []
    var errors: [String: PrometheusError] = [:]
    var failures: [PrometheusError] = []

    var calls = 0
    var queries: [String] = []
    var queryCounts: [String: Int] = [:]
    var lastRequest: RecordedRequest?

    /// Counts a call and its query (nil when it had none).
    mutating func record(_ request: RecordedRequest, query: String?) {
        calls += 1
        lastRequest = request
        guard let query else { return }
        queries.append(query)
        if queries.count > Self.queryLogLimit { queries.removeFirst(queries.count - Self.queryLogLimit) }
        queryCounts[query, default: 0] += 1
    }

    /// The next injected failure, if any.
    mutating func takeFailure() -> PrometheusError? {
        failures.isEmpty ? nil : failures.removeFirst()
    }

    /// The answer for `query`: its error, its samples, or the default samples.
    func answer(_ query: String) -> Result<[PrometheusSample], PrometheusError> {
        if let error = errors[query] { return .failure(error) }
        return .success(results[query] ?? defaultResult)
    }
}
