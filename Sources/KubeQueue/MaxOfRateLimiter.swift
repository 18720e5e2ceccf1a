/// Combines limiters by taking the longest delay (client-go's `MaxOfRateLimiter`).
///
/// Every ``when(_:)`` is passed to *all* limiters, so each records the failure;
/// ``numRequeues(_:)`` is the largest count and ``forget(_:)`` forgets in all of them.
public final class MaxOfRateLimiter<Item: Hashable & Sendable>: RateLimiter, Sendable {
    /// The combined limiters.
    public let limiters: [any RateLimiter<Item>]

    /// Combines `limiters`; with none, every delay is zero.
    public init(_ limiters: [any RateLimiter<Item>]) {
        self.limiters = limiters
    }

    public func when(_ item: Item) -> Duration {
        limiters.reduce(.zero) { longest, limiter in max(longest, limiter.when(item)) }
    }

    public func forget(_ item: Item) {
        for limiter in limiters { limiter.forget(item) }
    }

    public func numRequeues(_ item: Item) -> Int {
        limiters.reduce(0) { most, limiter in max(most, limiter.numRequeues(item)) }
    }
}

extension MaxOfRateLimiter {
    /// controller-runtime's default: the larger of a per-item exponential backoff
    /// (5 ms doubling, capped at 1000 s) and an overall token bucket (10 qps, burst 100).
    ///
    /// client-go's `DefaultTypedControllerRateLimiter`. The bucket only matters when many
    /// items fail at once: it keeps a burst of failures from hammering the API server.
    public static func defaultController(clock: any Clock<Duration> = ContinuousClock()) -> MaxOfRateLimiter<Item> {
        MaxOfRateLimiter([
            ItemExponentialFailureRateLimiter<Item>(baseDelay: .milliseconds(5), maxDelay: .seconds(1000)),
            BucketRateLimiter<Item>(checkedQPS: 10, burst: 100, clock: clock),
        ])
    }

    /// The default controller limiter with its four parameters chosen.
    ///
    /// - Throws: ``RateLimiterConfigurationError`` when `qps` or `burst` are out of range.
    public static func defaultController(
        baseDelay: Duration, maxDelay: Duration, qps: Double, burst: Int,
        clock: any Clock<Duration> = ContinuousClock()
    ) throws(RateLimiterConfigurationError) -> MaxOfRateLimiter<Item> {
        MaxOfRateLimiter([
            ItemExponentialFailureRateLimiter<Item>(baseDelay: baseDelay, maxDelay: maxDelay),
            try BucketRateLimiter<Item>(qps: qps, burst: burst, clock: clock),
        ])
    }
}
