import KubeReconcile
import Synchronization

/// Counts how many reconciles run at once, per key and in total.
final class ConcurrencyTracker: Sendable {
    private struct State {
        var inFlight: [ObjectKey: Int] = [:]
        var maxPerKey: [ObjectKey: Int] = [:]
        var calls: [ObjectKey: Int] = [:]
        var total = 0
        var maxTotal = 0
    }

    private let state = Mutex(State())

    /// Marks the start of a reconcile of `key`; returns how many times it started so far (1 = first).
    func begin(_ key: ObjectKey) -> Int {
        state.withLock { state in
            state.inFlight[key, default: 0] += 1
            state.maxPerKey[key] = max(state.maxPerKey[key, default: 0], state.inFlight[key, default: 0])
            state.total += 1
            state.maxTotal = max(state.maxTotal, state.total)
            state.calls[key, default: 0] += 1
            return state.calls[key, default: 0]
        }
    }

    func end(_ key: ObjectKey) {
        state.withLock { state in
            state.inFlight[key, default: 0] -= 1
            state.total -= 1
        }
    }

    var maxPerKey: [ObjectKey: Int] { state.withLock { $0.maxPerKey } }
    var maxTotal: Int { state.withLock { $0.maxTotal } }
    func calls(_ key: ObjectKey) -> Int { state.withLock { $0.calls[key, default: 0] } }
}
