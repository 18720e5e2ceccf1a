import Synchronization

/// Counts what the queue's workers processed, keeps their samples, and wakes the benchmark when
/// the expected number has arrived (recording when that happened).
final class Collector: Sendable {
    private struct State {
        var count = 0
        var samples: [Double] = []
        var startedAt: ContinuousClock.Instant?
        var finishedAt: ContinuousClock.Instant?
        var timedOut = false
        var waiter: CheckedContinuation<ContinuousClock.Instant?, Never>?
    }

    /// How many records complete the run.
    let target: Int
    private let state = Mutex(State())

    init(target: Int) { self.target = target }

    /// Records one processed item (with its sample, if it has one).
    func record(_ sample: Double? = nil) {
        let clock = ContinuousClock()
        let waiter = state.withLock { state -> (CheckedContinuation<ContinuousClock.Instant?, Never>, ContinuousClock.Instant)? in
            state.count += 1
            if let sample { state.samples.append(sample) }
            if state.count == 1 { state.startedAt = clock.now }
            guard state.count == target else { return nil }
            let now = clock.now
            state.finishedAt = now
            defer { state.waiter = nil }
            return state.waiter.map { ($0, now) }
        }
        if let (continuation, instant) = waiter { continuation.resume(returning: instant) }
    }

    /// How many items were recorded so far.
    var count: Int { state.withLock { $0.count } }

    /// When the first item was recorded.
    var startedAt: ContinuousClock.Instant? { state.withLock { $0.startedAt } }

    /// The samples recorded so far, in arrival order.
    var samples: [Double] { state.withLock { $0.samples } }

    /// Waits for the `target`-th record and returns when it happened, or nil after `timeout`.
    func wait(timeout: Duration) async -> ContinuousClock.Instant? {
        let timer = Task { [self] in
            try? await Task.sleep(for: timeout)
            let waiter = state.withLock { state in
                state.timedOut = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let finished = state.withLock { state -> ContinuousClock.Instant?? in
                if let finishedAt = state.finishedAt { return .some(finishedAt) }
                // The timer may have fired before this wait was registered.
                if state.timedOut { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let finished { continuation.resume(returning: finished) }
        }
    }
}
