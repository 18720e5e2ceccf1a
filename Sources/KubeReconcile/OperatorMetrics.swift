public import KubeClient
public import KubeQueue
public import Prometheus

/// The operator's Prometheus metrics, under the names controller-runtime and client-go use so
/// that existing dashboards and alerts work unchanged.
///
/// One instance per process, shared by the controllers, their work queues, the REST client
/// (through ``restClientObserver``), the leader elector and the `/metrics` endpoint.
///
/// | series | labels |
/// |---|---|
/// | `controller_runtime_reconcile_total` | `controller`, `result` (`success`, `error`, `requeue_after`) |
/// | `controller_runtime_reconcile_errors_total` | `controller` |
/// | `controller_runtime_terminal_reconcile_errors_total` | `controller` |
/// | `controller_runtime_reconcile_time_seconds` (histogram) | `controller` |
/// | `controller_runtime_max_concurrent_reconciles` | `controller` |
/// | `controller_runtime_active_workers` | `controller` |
/// | `workqueue_depth`, `workqueue_adds_total`, `workqueue_retries_total` | `controller`, `name` |
/// | `workqueue_queue_duration_seconds`, `workqueue_work_duration_seconds` (histograms) | `controller`, `name` |
/// | `workqueue_unfinished_work_seconds`, `workqueue_longest_running_processor_seconds` | `controller`, `name` |
/// | `rest_client_requests_total` | `code`, `method`, `host` |
/// | `leader_election_master_status` | `name` (the lease) |
public final class OperatorMetrics: Sendable {
    /// The registry behind `/metrics`; other modules may register their own series in it.
    public let registry: PrometheusCollectorRegistry

    /// Metrics in `registry` (a fresh one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Every series in the Prometheus text exposition format (what `/metrics` serves).
    public func exposition() -> String {
        registry.emitToString()
    }

    /// Counts every HTTP exchange of a ``KubeClient`` in `rest_client_requests_total`; pass it
    /// as the client's `observer`.
    public var restClientObserver: KubeClient.RequestObserver {
        let registry = self.registry
        return { method, code, host in
            registry.makeCounter(descriptor: Name.restClientRequests,
                                 labels: [("code", code), ("method", method), ("host", host)]).increment()
        }
    }

    /// The work-queue series of one controller's queue.
    public func workQueue(controller: String) -> any WorkQueueMetrics {
        PrometheusWorkQueueMetrics(registry: registry, controller: controller)
    }

    /// `leader_election_master_status{name}`: 1 while this replica holds the lease.
    func leaderStatus(lease: String) -> Gauge {
        registry.makeGauge(descriptor: Name.leaderStatus, labels: [("name", lease)])
    }

    /// Names and help texts in one place: the registry refuses a second help text for a name.
    enum Name {
        static var reconcileTotal: MetricNameDescriptor { descriptor("controller_runtime_reconcile", unit: "total",
                                               "Total number of reconciliations per controller") }
        static var reconcileErrors: MetricNameDescriptor { descriptor("controller_runtime_reconcile_errors", unit: "total",
                                                "Total number of reconciliation errors per controller") }
        static var terminalReconcileErrors: MetricNameDescriptor { descriptor("controller_runtime_terminal_reconcile_errors", unit: "total",
                                                        "Total number of terminal reconciliation errors per controller") }
        static var reconcileTime: MetricNameDescriptor { descriptor("controller_runtime_reconcile_time", unit: "seconds",
                                              "Length of time per reconciliation per controller") }
        static var maxConcurrentReconciles: MetricNameDescriptor { descriptor("controller_runtime_max_concurrent_reconciles", unit: "",
                                                        "Maximum number of concurrent reconciles per controller") }
        static var activeWorkers: MetricNameDescriptor { descriptor("controller_runtime_active_workers", unit: "",
                                              "Number of currently used workers per controller") }
        static var depth: MetricNameDescriptor { descriptor("workqueue_depth", unit: "", "Current depth of workqueue") }
        static var adds: MetricNameDescriptor { descriptor("workqueue_adds", unit: "total", "Total number of adds handled by workqueue") }
        static var queueDuration: MetricNameDescriptor { descriptor("workqueue_queue_duration", unit: "seconds",
                                              "How long in seconds an item stays in workqueue before being requested") }
        static var workDuration: MetricNameDescriptor { descriptor("workqueue_work_duration", unit: "seconds",
                                             "How long in seconds processing an item from workqueue takes.") }
        static var unfinishedWork: MetricNameDescriptor { descriptor("workqueue_unfinished_work", unit: "seconds",
                                               "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.") }
        static var longestRunning: MetricNameDescriptor { descriptor("workqueue_longest_running_processor", unit: "seconds",
                                               "How many seconds has the longest running processor for workqueue been running.") }
        static var retries: MetricNameDescriptor { descriptor("workqueue_retries", unit: "total", "Total number of retries handled by workqueue") }
        static var restClientRequests: MetricNameDescriptor { descriptor("rest_client_requests", unit: "total",
                                                   "Number of HTTP requests, partitioned by status code, method, and host.") }
        static var leaderStatus: MetricNameDescriptor { descriptor("leader_election_master_status", unit: "",
                                             "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease. Please make sure to group by name.") }

        static func descriptor(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(metricName: name, unitName: unit, helpText: help)
        }
    }

    /// controller-runtime's reconcile-time buckets (5 ms to 60 s).
    static let reconcileTimeBuckets: [Duration] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ].map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }

    /// client-go's work-queue buckets: 10 ns to 1000 s, by powers of ten.
    static let workQueueBuckets: [Duration] = (1...12).map { exponent in
        var nanoseconds: Int64 = 1
        for _ in 0..<exponent { nanoseconds *= 10 }
        return Duration.nanoseconds(nanoseconds)
    }
}
