import KubeQueue
import Prometheus

/// Feeds client-go's `workqueue_*` series from a ``WorkQueue``'s hooks.
///
/// The hooks run under the queue's lock; every call here is a lock-free atomic update or a
/// short lock of the histogram, which is what the queue asks of them.
struct PrometheusWorkQueueMetrics: WorkQueueMetrics {
    let depth: Gauge
    let adds: Counter
    let queueDuration: DurationHistogram
    let workDuration: DurationHistogram
    let unfinishedWork: Gauge
    let longestRunning: Gauge
    let retries: Counter

    init(registry: PrometheusCollectorRegistry, controller: String) {
        typealias Name = OperatorMetrics.Name
        // controller-runtime labels its queues with both the queue name and the controller name.
        let labels = [("controller", controller), ("name", controller)]
        let buckets = OperatorMetrics.workQueueBuckets
        depth = registry.makeGauge(descriptor: Name.depth, labels: labels)
        adds = registry.makeCounter(descriptor: Name.adds, labels: labels)
        queueDuration = registry.makeDurationHistogram(descriptor: Name.queueDuration, labels: labels, buckets: buckets)
        workDuration = registry.makeDurationHistogram(descriptor: Name.workDuration, labels: labels, buckets: buckets)
        unfinishedWork = registry.makeGauge(descriptor: Name.unfinishedWork, labels: labels)
        longestRunning = registry.makeGauge(descriptor: Name.longestRunning, labels: labels)
        retries = registry.makeCounter(descriptor: Name.retries, labels: labels)
    }

    func added() { adds.increment() }
    func depthChanged(to depth: Int) { self.depth.set(to: Double(depth)) }
    func observeQueueLatency(_ latency: Duration) { queueDuration.record(latency) }
    func observeWorkDuration(_ duration: Duration) { workDuration.record(duration) }
    func unfinishedWorkChanged(to total: Duration) { unfinishedWork.set(to: total.seconds) }
    func longestRunningProcessorChanged(to age: Duration) { longestRunning.set(to: age.seconds) }
    func retried() { retries.increment() }
}
