/// The default ``WorkQueueMetrics``: records nothing.
///
/// A queue given this skips reading the clock for latencies and starts no sampling task.
public struct NoWorkQueueMetrics: WorkQueueMetrics {
    /// Creates the no-op metrics.
    public init() {}

    public func added() {}
    public func depthChanged(to depth: Int) {}
    public func observeQueueLatency(_ latency: Duration) {}
    public func observeWorkDuration(_ duration: Duration) {}
    public func unfinishedWorkChanged(to total: Duration) {}
    public func longestRunningProcessorChanged(to age: Duration) {}
    public func retried() {}
}
