import Metrics
public import Prometheus
import Synchronization

/// swift-metrics bridge: `Counter(label:)`, `Timer(label:)` and friends used anywhere in the
/// process (the controllers, Hummingbird's metrics middleware) land in the same registry as
/// the controller-runtime series, so one `/metrics` endpoint serves them all.
extension OperatorMetrics {
    /// A swift-metrics factory that writes into ``registry``.
    public var metricsFactory: PrometheusMetricsFactory {
        PrometheusMetricsFactory(registry: registry)
    }

    /// Makes ``metricsFactory`` the process-wide swift-metrics backend.
    ///
    /// swift-metrics allows one bootstrap per process; a second call (from this or another
    /// `OperatorMetrics`) does nothing and returns false instead of crashing.
    @discardableResult
    public func bootstrapMetricsSystem() -> Bool {
        let first = OperatorMetrics.bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { MetricsSystem.bootstrap(metricsFactory) }
        return first
    }

    static let bootstrapped = Mutex(false)
}
