import Synchronization

/// A one-way flag that tasks can wait for: set once (the informer first synced, shutdown began).
public final class SyncSignal: Sendable {
    private struct State {
        var isSet = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Bool, Never>] = [:]
    }

    private let state = Mutex(State())

    /// A flag not yet set.
    public init() {}

    /// Whether the flag has been set.
    public var isSet: Bool { state.withLock { $0.isSet } }

    /// Sets the flag and wakes every waiter with `true`; later calls do nothing.
    public func set() {
        let waiters = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            guard !state.isSet else { return [] }
            state.isSet = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Returns `true` once the flag is set, or `false` if the waiting task is cancelled first.
    public func wait() async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                enum Outcome { case waiting, set, cancelled }
                let outcome = state.withLock { state -> Outcome in
                    if state.isSet { return .set }
                    // Checked under the lock: a cancellation handler that ran earlier found nothing to resume.
                    if Task.isCancelled { return .cancelled }
                    state.waiters[id] = continuation
                    return .waiting
                }
                switch outcome {
                case .set: continuation.resume(returning: true)
                case .cancelled: continuation.resume(returning: false)
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: false)
        }
    }
}
