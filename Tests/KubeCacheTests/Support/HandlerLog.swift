import KubeCache
import Synchronization

/// Records what an informer's handlers were called with, and lets a test wait for the n-th call.
final class HandlerLog: Sendable {
    private struct State {
        var entries: [String] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var entries: [String] { state.withLock { $0.entries } }

    var handler: EventHandler<Widget> {
        EventHandler(onAdd: { self.record("add \($0.tag)") },
                     onUpdate: { self.record("update \($0.tag) -> \($1.tag)") },
                     onDelete: { self.record("delete \($0.tag)") })
    }

    func record(_ entry: String) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.append(entry)
            let count = state.entries.count
            let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= count }
            return ready
        }
        for waiter in ready { waiter.resume() }
    }

    /// Waits until at least `count` calls were recorded, then returns all of them.
    func waitFor(_ count: Int) async -> [String] {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.entries.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if done { continuation.resume() }
        }
        return entries
    }
}
