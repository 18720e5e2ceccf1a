import Synchronization

/// Retries an item quickly a few times, then slowly (client-go's `ItemFastSlowRateLimiter`).
///
/// The first `maxFastAttempts` failures of an item wait `fastDelay`; every later one waits
/// `slowDelay`, until the item is forgotten.
public final class ItemFastSlowRateLimiter<Item: Hashable & Sendable>: RateLimiter, Sendable {
    /// The delay of the first `maxFastAttempts` retries.
    public let fastDelay: Duration
    /// The delay of every later retry.
    public let slowDelay: Duration
    /// How many retries use `fastDelay`.
    public let maxFastAttempts: Int

    private let failures = Mutex<[Item: Int]>([:])

    /// Creates a limiter that waits `fastDelay` for `maxFastAttempts` retries, then `slowDelay`.
    public init(fastDelay: Duration, slowDelay: Duration, maxFastAttempts: Int) {
        self.fastDelay = fastDelay
        self.slowDelay = slowDelay
        self.maxFastAttempts = maxFastAttempts
    }

    public func when(_ item: Item) -> Duration {
        let attempts = failures.withLock { failures in
            failures[item, default: 0] += 1
            return failures[item, default: 0]
        }
        return attempts <= maxFastAttempts ? fastDelay : slowDelay
    }

    public func forget(_ item: Item) {
        _ = failures.withLock { $0.removeValue(forKey: item) }
    }

    public func numRequeues(_ item: Item) -> Int {
        failures.withLock { $0[item, default: 0] }
    }
}
