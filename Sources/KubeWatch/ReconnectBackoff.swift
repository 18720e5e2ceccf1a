/// The delays between failed list/watch attempts: exponential with jitter, capped, and reset
/// after a healthy stretch — client-go's reflector defaults (0.8 s doubling to 30 s, reset
/// after 2 minutes without a failure).
///
/// A value type that remembers where it is in the sequence; the ``Watcher`` keeps one per
/// iterator and feeds it the time of each failure.
public struct ReconnectBackoff: Sendable {
    /// The first delay.
    public var initial: Duration
    /// The largest delay.
    public var maximum: Duration
    /// The growth factor between consecutive failures.
    public var multiplier: Double
    /// The fraction of each delay that is random: a delay `d` becomes a value in
    /// `d * (1 - jitter) ... d`, so watchers restarted together do not reconnect together
    /// and the cap still holds. 0 disables it.
    public var jitter: Double
    /// A failure this long after the previous one starts the sequence over.
    public var resetAfter: Duration
    /// Draws the random part, uniform in `0..<1` (tests pass a constant).
    public var random: @Sendable () -> Double

    private var failures = 0
    private var lastFailure: Duration?

    /// A backoff; the defaults are the production ones.
    public init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), multiplier: Double = 2,
                jitter: Double = 0.2, resetAfter: Duration = .seconds(120),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
        self.resetAfter = resetAfter
        self.random = random
    }

    /// The delay before the next attempt, after a failure at `now` (any monotonic time origin).
    public mutating func delay(afterFailureAt now: Duration) -> Duration {
        if let lastFailure, now - lastFailure >= resetAfter { failures = 0 }
        lastFailure = now
        let exponent = failures
        failures += 1
        var base = initial
        for _ in 0..<exponent {
            base = base * multiplier
            if base >= maximum { base = maximum; break }
        }
        base = min(base, maximum)
        let fraction = 1 - jitter * min(max(random(), 0), 1)
        return base * fraction
    }

    /// Starts the sequence over (the next failure waits ``initial``).
    public mutating func reset() {
        failures = 0
        lastFailure = nil
    }
}
