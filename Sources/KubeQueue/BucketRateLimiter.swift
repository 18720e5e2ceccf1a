import Synchronization

/// An overall token bucket shared by all items (client-go's `BucketRateLimiter` around
/// `golang.org/x/time/rate.Limiter`).
///
/// The bucket holds up to `burst` tokens and refills at `qps` tokens per second on the injected
/// clock. Every ``when(_:)`` takes a token; when none is left it returns how long until the
/// token it reserved becomes available, so back-to-back calls are spaced `1/qps` apart.
/// With the controller defaults (10 qps, burst 100) the first 100 retries go at once and the
/// following ones at 100 ms intervals.
///
/// It is not per-item: ``forget(_:)`` does nothing and ``numRequeues(_:)`` is always 0.
public final class BucketRateLimiter<Item: Hashable & Sendable>: RateLimiter, Sendable {
    /// Tokens added per second.
    public let qps: Double
    /// The bucket's capacity, and how many calls may go through at once.
    public let burst: Int

    private struct Bucket {
        var tokens: Double
        var last: Duration
    }

    private let clock: ElapsedClock
    private let bucket: Mutex<Bucket>

    /// Creates a full bucket of `burst` tokens refilled at `qps` per second, timed by `clock`.
    ///
    /// - Throws: ``RateLimiterConfigurationError`` unless `qps` is finite and positive and
    ///   `burst` is at least 1.
    public convenience init(qps: Double, burst: Int, clock: any Clock<Duration> = ContinuousClock()) throws(RateLimiterConfigurationError) {
        guard qps.isFinite, qps > 0 else {
            throw RateLimiterConfigurationError(parameter: "qps", reason: "must be a finite number above 0, got \(qps)")
        }
        guard burst >= 1 else {
            throw RateLimiterConfigurationError(parameter: "burst", reason: "must be at least 1, got \(burst)")
        }
        self.init(checkedQPS: qps, burst: burst, clock: clock)
    }

    /// For values already known to be valid (the controller defaults).
    init(checkedQPS qps: Double, burst: Int, clock: any Clock<Duration>) {
        self.qps = qps
        self.burst = burst
        self.clock = ElapsedClock(clock)
        bucket = Mutex(Bucket(tokens: Double(burst), last: self.clock.now()))
    }

    public func when(_ item: Item) -> Duration {
        let now = clock.now()
        let missing = bucket.withLock { bucket -> Double in
            // Same arithmetic as rate.Limiter.reserveN: refill for the elapsed time, take
            // one token, and let the balance go negative to queue later callers.
            let elapsed = max(.zero, now - bucket.last)
            bucket.tokens = min(Double(burst), bucket.tokens + Self.seconds(elapsed) * qps) - 1
            bucket.last = max(bucket.last, now)
            return -bucket.tokens
        }
        guard missing > 0 else { return .zero }
        // Rounded to whole nanoseconds (Go's resolution) so that 1/qps is exact.
        return .nanoseconds(Int64((missing / qps * 1e9).rounded()))
    }

    public func forget(_ item: Item) {}

    public func numRequeues(_ item: Item) -> Int { 0 }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
