import KubeQueue

/// Records every metrics hook a queue calls, for assertions.
final class RecordingMetrics: WorkQueueMetrics {
    struct Snapshot: Sendable {
        var adds = 0
        var depths: [Int] = []
        var queueLatencies: [Duration] = []
        var workDurations: [Duration] = []
        var unfinishedWork: [Duration] = []
        var longestRunning: [Duration] = []
        var retries = 0
    }

    private let recorded = Locked(Snapshot())

    var snapshot: Snapshot { recorded.value }

    func added() { recorded.withLock { $0.adds += 1 } }
    func depthChanged(to depth: Int) { recorded.withLock { $0.depths.append(depth) } }
    func observeQueueLatency(_ latency: Duration) { recorded.withLock { $0.queueLatencies.append(latency) } }
    func observeWorkDuration(_ duration: Duration) { recorded.withLock { $0.workDurations.append(duration) } }
    func unfinishedWorkChanged(to total: Duration) { recorded.withLock { $0.unfinishedWork.append(total) } }
    func longestRunningProcessorChanged(to age: Duration) { recorded.withLock { $0.longestRunning.append(age) } }
    func retried() { recorded.withLock { $0.retries += 1 } }
}
