/// Who reports events, and how much an object may report.
public struct EventRecorderConfiguration: Sendable {
    /// The reporting controller every Event of this operator names (the API contract).
    public static let kaiReportingController = "kai.dev/kai-operator"

    /// `reportingController`: `kai.dev/kai-operator`.
    public var reportingController: String
    /// `reportingInstance`: this replica (the pod name).
    public var reportingInstance: String
    /// Events waiting to be written; more are dropped (and logged) rather than blocking a
    /// reconcile (client-go: 1000).
    public var bufferSize: Int
    /// API writes (creates and series updates) one object may make in a burst
    /// (client-go's spam filter: 25).
    public var burst: Int
    /// One more write is allowed per object this often (client-go: one per 5 minutes).
    public var refillInterval: Duration
    /// How often the counts of repeating events are written to their series. A repeat only
    /// bumps a counter in memory; the API server sees at most one write per series per interval.
    public var seriesUpdateInterval: Duration
    /// A repeat this long after the last one starts a new Event (client-go: 6 minutes).
    public var seriesExpiry: Duration
    /// Event writes in flight at once (client-go: 1). Writes about one object stay in order.
    /// One write at a time manages a few dozen Events a second against a busy API server, so a
    /// burst of reconciles (thousands of objects converging at once) overflows the buffer; a few
    /// concurrent writes keep up without taking a noticeable share of the server.
    public var maxConcurrentWrites: Int

    /// A configuration; the defaults follow client-go.
    public init(reportingController: String = EventRecorderConfiguration.kaiReportingController, reportingInstance: String,
                bufferSize: Int = 1000, burst: Int = 25, refillInterval: Duration = .seconds(300),
                seriesUpdateInterval: Duration = .seconds(30), seriesExpiry: Duration = .seconds(360),
                maxConcurrentWrites: Int = 8) {
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.bufferSize = bufferSize
        self.burst = burst
        self.refillInterval = refillInterval
        self.seriesUpdateInterval = seriesUpdateInterval
        self.seriesExpiry = seriesExpiry
        self.maxConcurrentWrites = maxConcurrentWrites
    }

    func validate() throws(ReconcileConfigurationError) {
        func fail(_ setting: String, _ reason: String) -> ReconcileConfigurationError {
            ReconcileConfigurationError(setting: "event recorder \(setting)", reason: reason)
        }
        guard !reportingController.isEmpty else { throw fail("reportingController", "must not be empty") }
        // The API server limits both fields to 128 characters.
        guard reportingController.count <= 128 else { throw fail("reportingController", "must be at most 128 characters") }
        guard !reportingInstance.isEmpty else { throw fail("reportingInstance", "must not be empty") }
        guard reportingInstance.count <= 128 else { throw fail("reportingInstance", "must be at most 128 characters") }
        guard bufferSize >= 1 else { throw fail("buffer size", "must be at least 1, got \(bufferSize)") }
        guard burst >= 1 else { throw fail("burst", "must be at least 1, got \(burst)") }
        guard refillInterval > .zero else { throw fail("refill interval", "must be positive") }
        guard seriesUpdateInterval > .zero else { throw fail("series update interval", "must be positive") }
        guard seriesExpiry > .zero else { throw fail("series expiry", "must be positive") }
        guard maxConcurrentWrites >= 1 else { throw fail("concurrent writes", "must be at least 1, got \(maxConcurrentWrites)") }
    }
}
