import Synchronization

/// Test-controlled faults of a running `KubeTestServer`: failed requests,
/// latency, expired watches, dropped connections and history compaction.
///
/// All methods are safe to call from any task while the server runs.
public final class FaultInjector: Sendable {
    /// A planned failure of the next matching requests.
    public struct Failure: Sendable, Equatable {
        public var remaining: Int
        public var code: Int
        /// Only requests with this verb (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`); nil: any.
        public var verb: String?
        /// Only requests whose path contains this text; nil: any.
        public var pathContains: String?
        /// Adds `Retry-After` (and `details.retryAfterSeconds`), as 429/503 answers do.
        public var retryAfterSeconds: Int?

        public init(count: Int = 1, code: Int, verb: String? = nil, pathContains: String? = nil, retryAfterSeconds: Int? = nil) {
            self.remaining = count
            self.code = code
            self.verb = verb
            self.pathContains = pathContains
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    struct State: Sendable {
        var failures: [Failure] = []
        var latency: Duration?
        var expireNextWatches = 0
    }

    let state = Mutex(State())
    let cluster: Cluster

    init(cluster: Cluster) { self.cluster = cluster }

    /// Fails the next `count` matching requests with `code` (409, 429, 500, 503, ...).
    public func failNext(_ count: Int = 1, withStatus code: Int, verb: String? = nil, pathContains: String? = nil,
                         retryAfterSeconds: Int? = nil) {
        let failure = Failure(count: count, code: code, verb: verb, pathContains: pathContains,
                              retryAfterSeconds: retryAfterSeconds ?? (code == 429 || code == 503 ? 1 : nil))
        state.withLock { $0.failures.append(failure) }
    }

    /// Delays every request by `latency` (on the server's clock); nil removes the delay.
    public func setLatency(_ latency: Duration?) { state.withLock { $0.latency = latency } }

    /// The next watch requests get a `410 Expired` ERROR event instead of events.
    public func expireNextWatch(count: Int = 1) { state.withLock { $0.expireNextWatches += count } }

    /// Ends every open watch stream at once, like a lost connection.
    public func dropWatchConnections() async { await cluster.dropAllWatches() }

    /// Forgets the change history: older resourceVersions and continue tokens answer 410.
    public func compactHistory() async { await cluster.compactHistory() }

    /// Removes every planned fault.
    public func reset() { state.withLock { $0 = State() } }

    /// The failure to answer a request with, consuming one planned failure.
    func takeFailure(verb: String, path: String) -> Failure? {
        state.withLock { s in
            guard let index = s.failures.firstIndex(where: { f in
                (f.verb == nil || f.verb == verb) && (f.pathContains.map { path.contains($0) } ?? true)
            }) else { return nil }
            let failure = s.failures[index]
            s.failures[index].remaining -= 1
            if s.failures[index].remaining <= 0 { s.failures.remove(at: index) }
            return failure
        }
    }

    var latency: Duration? { state.withLock { $0.latency } }

    func takeWatchExpiry() -> Bool {
        state.withLock { s in
            guard s.expireNextWatches > 0 else { return false }
            s.expireNextWatches -= 1
            return true
        }
    }
}
