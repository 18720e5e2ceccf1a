import Synchronization

/// Runs work for the same key one at a time, in arrival order (different keys in parallel):
/// webhook events for one Channel are applied to its status one after the other, so a burst
/// costs no conflicts and loses nothing.
final class ChannelKeyedLock: Sendable {
    /// Present while a key is held; the waiters queue behind it.
    let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async rethrows -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = waiters.withLock { waiters -> Bool in
                guard var queue = waiters[key] else {
                    waiters[key] = []
                    return true
                }
                queue.append(continuation)
                waiters[key] = queue
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    func release(_ key: String) {
        let next = waiters.withLock { waiters -> CheckedContinuation<Void, Never>? in
            guard var queue = waiters[key], !queue.isEmpty else {
                waiters[key] = nil
                return nil
            }
            let first = queue.removeFirst()
            waiters[key] = queue
            return first
        }
        // Ownership passes straight to the next waiter; the key stays held.
        next?.resume()
    }
}
