/// Client-side QPS/burst limit (client-go's token-bucket rate limiter).
/// Off by default: the API server's priority-and-fairness is the real limit.
actor TokenBucket {
    private let qps: Double
    private let burst: Double
    private let clock: any Clock<Duration>
    private let elapsed: @Sendable () -> Duration
    private var tokens: Double
    private var last: Duration

    init(qps: Double, burst: Int, clock: any Clock<Duration>) {
        self.qps = qps
        self.burst = Double(max(1, burst))
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
        self.tokens = Double(max(1, burst))
        self.last = .zero
    }

    /// Time since creation on any clock, without holding its generic instant type.
    static func stopwatch<C: Clock>(_ clock: C) -> @Sendable () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    /// Waits until a token is available and takes it.
    func acquire() async {
        let now = elapsed()
        tokens = min(burst, tokens + (now - last).seconds * qps)
        last = now
        tokens -= 1
        if tokens >= 0 { return }
        // The token is reserved now and earned while waiting, as client-go's limiter does.
        try? await clock.sleep(for: .seconds(-tokens / qps))
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
