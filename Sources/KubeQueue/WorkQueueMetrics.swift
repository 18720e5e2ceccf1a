/// Receives a work queue's measurements; a metrics module turns them into controller-runtime's
/// `workqueue_*` series (one instance per queue, labelled with the queue's name).
///
/// Durations are measured on the queue's injected clock. Each hook is named after the series
/// it feeds.
///
/// - Important: The queue calls these hooks while holding its lock, so that depth changes are
///   reported in order. They must be cheap, thread-safe and must not call back into the queue.
public protocol WorkQueueMetrics: Sendable {
    /// An item was added (not already waiting): `workqueue_adds_total`.
    func added()

    /// The number of items waiting to be processed changed: `workqueue_depth`.
    ///
    /// Counts the distinct waiting items, including one re-added while it is being processed.
    func depthChanged(to depth: Int)

    /// An item waited `latency` between being added and being handed to a worker:
    /// `workqueue_queue_duration_seconds`.
    func observeQueueLatency(_ latency: Duration)

    /// A worker spent `duration` between getting an item and calling `done`:
    /// `workqueue_work_duration_seconds`.
    func observeWorkDuration(_ duration: Duration)

    /// The summed age of all items being processed right now (sampled periodically):
    /// `workqueue_unfinished_work_seconds`. A large value with little change suggests stuck workers.
    func unfinishedWorkChanged(to total: Duration)

    /// The age of the oldest item being processed right now (sampled periodically):
    /// `workqueue_longest_running_processor_seconds`.
    func longestRunningProcessorChanged(to age: Duration)

    /// An item was scheduled for a delayed or rate-limited retry: `workqueue_retries_total`.
    func retried()
}
