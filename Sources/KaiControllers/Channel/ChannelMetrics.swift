public import Metrics
import Synchronization

/// The Channel controller's metrics, through the swift-metrics API (the operator bootstraps
/// it with the Prometheus registry that `/metrics` serves).
///
/// | series | labels |
/// |---|---|
/// | `kai_channel_kernel_requests_total` (counter) | `operation` (`create`, `info`, `release`), `code` (HTTP code, or `error` without an answer) |
/// | `kai_channel_kernel_request_duration_seconds` (timer) | `operation` |
/// | `kai_channel_webhook_events_total` (counter) | `event` (`qdrant-collection-created`, `qdrant-collection-failed`, `unknown`, `none`), `result` |
/// | `kai_channels` (gauge) | `kernel_status` (`Pending`, `Creating`, `Created`, `Failed`) |
public final class ChannelMetrics: Sendable {
    public static let kernelRequestsTotal = "kai_channel_kernel_requests_total"
    public static let kernelRequestDuration = "kai_channel_kernel_request_duration_seconds"
    public static let webhookEventsTotal = "kai_channel_webhook_events_total"
    public static let channelsByKernelStatus = "kai_channels"

    let factory: any MetricsFactory
    let counters = Mutex<[String: Metrics.Counter]>([:])
    let timers = Mutex<[KernelAPIOperation: Metrics.Timer]>([:])
    let gauges: [String: Gauge]

    /// Metrics made by `factory` (the global `MetricsSystem.factory` by default).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        var gauges: [String: Gauge] = [:]
        for status in ChannelStatusTally.statuses {
            let gauge = Gauge(label: Self.channelsByKernelStatus, dimensions: [("kernel_status", status)], factory: factory)
            gauge.record(0)
            gauges[status] = gauge
        }
        self.gauges = gauges
    }

    /// Counts one kernel API call and its duration; `code` is nil when there was no answer.
    func kernelRequest(_ operation: KernelAPIOperation, code: Int?, duration: Duration) {
        let codeLabel = code.map(String.init) ?? "error"
        counter(Self.kernelRequestsTotal, [("operation", operation.rawValue), ("code", codeLabel)]).increment()
        let timer = timers.withLock { timers in
            if let timer = timers[operation] { return timer }
            let timer = Metrics.Timer(label: Self.kernelRequestDuration, dimensions: [("operation", operation.rawValue)], factory: factory)
            timers[operation] = timer
            return timer
        }
        let (seconds, attoseconds) = duration.components
        timer.recordNanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
    }

    /// Counts one webhook request.
    func webhookEvent(event: String, result: ChannelWebhookResult) {
        counter(Self.webhookEventsTotal, [("event", event), ("result", result.rawValue)]).increment()
    }

    /// Sets the number of Channels per `kernelStatus`.
    func setChannelCounts(_ counts: [String: Int]) {
        for (status, gauge) in gauges { gauge.record(counts[status] ?? 0) }
    }

    func counter(_ label: String, _ dimensions: [(String, String)]) -> Metrics.Counter {
        let key = label + "|" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        return counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Metrics.Counter(label: label, dimensions: dimensions, factory: factory)
            counters[key] = counter
            return counter
        }
    }
}
