import Synchronization

/// Per-item exponential backoff: `baseDelay * 2^failures`, capped at `maxDelay`
/// (client-go's `ItemExponentialFailureRateLimiter`).
///
/// With the controller defaults (5 ms, 1000 s) an item that keeps failing waits 5 ms, 10 ms,
/// 20 ms, 40 ms ... and, from the 19th failure on, 1000 s. ``forget(_:)`` resets the item.
public final class ItemExponentialFailureRateLimiter<Item: Hashable & Sendable>: RateLimiter, Sendable {
    /// The delay after the first failure.
    public let baseDelay: Duration
    /// The largest delay ever returned.
    public let maxDelay: Duration

    private let failures = Mutex<[Item: Int]>([:])

    /// Creates a limiter doubling from `baseDelay` up to `maxDelay`.
    ///
    /// A non-positive `baseDelay` means "no backoff": every delay is zero.
    public init(baseDelay: Duration = .milliseconds(5), maxDelay: Duration = .seconds(1000)) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public func when(_ item: Item) -> Duration {
        let exponent = failures.withLock { failures in
            let exponent = failures[item, default: 0]
            failures[item] = exponent + 1
            return exponent
        }
        return Self.backoff(base: baseDelay, max: maxDelay, exponent: exponent)
    }

    public func forget(_ item: Item) {
        _ = failures.withLock { $0.removeValue(forKey: item) }
    }

    public func numRequeues(_ item: Item) -> Int {
        failures.withLock { $0[item, default: 0] }
    }

    /// `base * 2^exponent`, or `max` when that is larger or would overflow.
    static func backoff(base: Duration, max: Duration, exponent: Int) -> Duration {
        guard base > .zero else { return .zero }
        // Compared before multiplying: `Duration` arithmetic traps on overflow.
        guard exponent < 62 else { return max }
        let factor = Int64(1) << exponent
        guard base <= max / factor else { return max }
        return base * factor
    }
}
