import Synchronization

/// Collects values from concurrent tasks and lets a test wait for them in order, without
/// sleeping: `next()` suspends until the next value is recorded.
final class Probe<Value: Sendable>: Sendable {
    private struct State {
        var values: [Value] = []
        var cursor = 0
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// Records a value (from any task).
    func record(_ value: Value) {
        let resume = state.withLock { state -> (CheckedContinuation<Value, Never>, Value)? in
            state.values.append(value)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            let next = state.values[state.cursor]
            state.cursor += 1
            return (waiter, next)
        }
        if let (waiter, next) = resume { waiter.resume(returning: next) }
    }

    /// Every value recorded so far.
    var values: [Value] { state.withLock { $0.values } }

    /// The next value not yet taken by `next()` (one waiting test task at a time).
    func next() async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            let ready = state.withLock { state -> Value? in
                guard state.cursor < state.values.count else {
                    state.waiter = continuation
                    return nil
                }
                state.cursor += 1
                return state.values[state.cursor - 1]
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Takes values until one satisfies `predicate`, and returns it.
    func next(where predicate: (Value) -> Bool) async -> Value {
        while true {
            let value = await next()
            if predicate(value) { return value }
        }
    }
}
