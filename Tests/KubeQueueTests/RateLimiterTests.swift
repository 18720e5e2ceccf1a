import KubeQueue
import Testing

@Suite struct ItemExponentialFailureRateLimiterTests {
    @Test func backoffDoublesFromFiveMilliseconds() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        let delays = (0..<6).map { _ in limiter.when("a") }
        #expect(delays == [5, 10, 20, 40, 80, 160].map { Duration.milliseconds($0) })
        #expect(limiter.numRequeues("a") == 6)
    }

    @Test func backoffIsCappedAtOneThousandSeconds() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        let delays = (0..<200).map { _ in limiter.when("a") }
        #expect(delays[16] == .milliseconds(327_680))
        #expect(delays[17] == .milliseconds(655_360))
        #expect(delays[18] == .seconds(1000))
        // Far past the point where 2^n overflows: still the cap, no trap.
        #expect(delays[63] == .seconds(1000))
        #expect(delays[199] == .seconds(1000))
    }

    @Test func itemsBackOffIndependently() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        _ = limiter.when("a")
        _ = limiter.when("a")
        #expect(limiter.when("b") == .milliseconds(5))
        #expect(limiter.numRequeues("a") == 2)
        #expect(limiter.numRequeues("b") == 1)
        #expect(limiter.numRequeues("c") == 0)
    }

    @Test func forgetResetsTheBackoff() {
        let limiter = ItemExponentialFailureRateLimiter<String>()
        for _ in 0..<4 { _ = limiter.when("a") }
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a") == .milliseconds(5))
    }

    @Test func customBaseAndCap() {
        let limiter = ItemExponentialFailureRateLimiter<Int>(baseDelay: .seconds(1), maxDelay: .seconds(3))
        #expect((0..<4).map { _ in limiter.when(1) } == [.seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }

    @Test func nonPositiveBaseMeansNoBackoff() {
        let limiter = ItemExponentialFailureRateLimiter<Int>(baseDelay: .zero, maxDelay: .seconds(3))
        #expect(limiter.when(1) == .zero)
        #expect(limiter.when(1) == .zero)
        #expect(limiter.numRequeues(1) == 2)
    }
}

@Suite struct BucketRateLimiterTests {
    @Test func burstOfOneHundredThenTenPerSecond() throws {
        let clock = ManualClock()
        let limiter = try BucketRateLimiter<Int>(qps: 10, burst: 100, clock: clock)
        let burst = (0..<100).map { limiter.when($0) }
        #expect(burst.allSatisfy { $0 == .zero })
        // The bucket is empty: each further call waits one more 1/qps slot.
        #expect(limiter.when(100) == .milliseconds(100))
        #expect(limiter.when(101) == .milliseconds(200))
        #expect(limiter.when(102) == .milliseconds(300))
    }

    @Test func tokensRefillAtQPSOnTheClock() throws {
        let clock = ManualClock()
        let limiter = try BucketRateLimiter<Int>(qps: 10, burst: 100, clock: clock)
        for item in 0..<102 { _ = limiter.when(item) }
        // One second refills ten tokens, two of which repay the overdraft.
        clock.advance(by: .seconds(1))
        let next = (0..<9).map { limiter.when($0) }
        #expect(next.prefix(8).allSatisfy { $0 == .zero })
        #expect(next[8] == .milliseconds(100))
        clock.advance(by: .milliseconds(100))
        #expect(limiter.when(0) == .milliseconds(100))
    }

    @Test func bucketNeverHoldsMoreThanTheBurst() throws {
        let clock = ManualClock()
        let limiter = try BucketRateLimiter<Int>(qps: 2, burst: 3, clock: clock)
        clock.advance(by: .seconds(3600))
        #expect((0..<4).map { limiter.when($0) } == [.zero, .zero, .zero, .milliseconds(500)])
    }

    @Test func isNotPerItem() throws {
        let limiter = try BucketRateLimiter<String>(qps: 1, burst: 1, clock: ManualClock())
        #expect(limiter.when("a") == .zero)
        #expect(limiter.when("a") == .seconds(1))
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("b") == .seconds(2))
    }

    @Test(arguments: [
        (0.0, 1, "qps"), (-1.0, 1, "qps"), (Double.nan, 1, "qps"), (Double.infinity, 1, "qps"),
        (10.0, 0, "burst"), (10.0, -5, "burst"),
    ])
    func rejectsUnusableConfiguration(qps: Double, burst: Int, parameter: String) {
        let error = #expect(throws: RateLimiterConfigurationError.self) {
            _ = try BucketRateLimiter<Int>(qps: qps, burst: burst, clock: ManualClock())
        }
        #expect(error?.parameter == parameter)
        #expect(error?.description.hasPrefix("invalid rate limiter \(parameter): must be") == true)
    }
}

@Suite struct ItemFastSlowRateLimiterTests {
    @Test func fastAttemptsThenSlow() {
        let limiter = ItemFastSlowRateLimiter<String>(fastDelay: .milliseconds(1), slowDelay: .seconds(10), maxFastAttempts: 3)
        let delays = (0..<5).map { _ in limiter.when("a") }
        #expect(delays == [.milliseconds(1), .milliseconds(1), .milliseconds(1), .seconds(10), .seconds(10)])
        #expect(limiter.numRequeues("a") == 5)
        #expect(limiter.when("b") == .milliseconds(1))
    }

    @Test func forgetGoesBackToFast() {
        let limiter = ItemFastSlowRateLimiter<String>(fastDelay: .milliseconds(1), slowDelay: .seconds(10), maxFastAttempts: 1)
        _ = limiter.when("a")
        #expect(limiter.when("a") == .seconds(10))
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a") == .milliseconds(1))
    }
}

@Suite struct MaxOfRateLimiterTests {
    @Test func takesTheLongestDelayAndFeedsEveryLimiter() {
        let exponential = ItemExponentialFailureRateLimiter<String>(baseDelay: .milliseconds(1), maxDelay: .seconds(100))
        let fastSlow = ItemFastSlowRateLimiter<String>(fastDelay: .milliseconds(3), slowDelay: .seconds(1), maxFastAttempts: 2)
        let limiter = MaxOfRateLimiter<String>([exponential, fastSlow])
        let delays = (0..<4).map { _ in limiter.when("a") }
        // max(1, 3) ms, max(2, 3) ms, max(4 ms, 1 s), max(8 ms, 1 s)
        #expect(delays == [.milliseconds(3), .milliseconds(3), .seconds(1), .seconds(1)])
        #expect(exponential.numRequeues("a") == 4)
        #expect(fastSlow.numRequeues("a") == 4)
        #expect(limiter.numRequeues("a") == 4)
    }

    @Test func numRequeuesIsTheLargestAndForgetReachesAll() {
        let exponential = ItemExponentialFailureRateLimiter<String>()
        let fastSlow = ItemFastSlowRateLimiter<String>(fastDelay: .zero, slowDelay: .zero, maxFastAttempts: 0)
        let limiter = MaxOfRateLimiter<String>([exponential, fastSlow])
        _ = limiter.when("a")
        _ = fastSlow.when("a")
        #expect(limiter.numRequeues("a") == 2)
        limiter.forget("a")
        #expect(exponential.numRequeues("a") == 0)
        #expect(fastSlow.numRequeues("a") == 0)
    }

    @Test func noLimitersMeansNoDelay() {
        let limiter = MaxOfRateLimiter<Int>([])
        #expect(limiter.when(1) == .zero)
        #expect(limiter.numRequeues(1) == 0)
    }

    @Test func defaultControllerIsBackoffUntilTheBucketRunsDry() {
        let clock = ManualClock()
        let limiter = MaxOfRateLimiter<Int>.defaultController(clock: clock)
        // 100 distinct items fail at once: each gets its own first backoff step.
        let first = (0..<100).map { limiter.when($0) }
        #expect(first.allSatisfy { $0 == .milliseconds(5) })
        // The 101st overdraws the bucket, whose 100 ms beats the 5 ms backoff.
        #expect(limiter.when(100) == .milliseconds(100))
        // An item that failed 19 times waits the 1000 s cap, whatever the bucket says.
        for _ in 0..<18 { _ = limiter.when(7) }
        #expect(limiter.when(7) == .seconds(1000))
        #expect(limiter.numRequeues(7) == 20)
    }

    @Test func configurableDefaultController() throws {
        let clock = ManualClock()
        let limiter = try MaxOfRateLimiter<Int>.defaultController(
            baseDelay: .seconds(1), maxDelay: .seconds(4), qps: 1, burst: 1, clock: clock)
        #expect(limiter.when(1) == .seconds(1))
        #expect(limiter.when(2) == .seconds(1))
        #expect(limiter.when(3) == .seconds(2))
        #expect((0..<3).map { _ in limiter.when(1) }.last == .seconds(5))
        #expect(throws: RateLimiterConfigurationError.self) {
            _ = try MaxOfRateLimiter<Int>.defaultController(
                baseDelay: .seconds(1), maxDelay: .seconds(4), qps: 0, burst: 1, clock: clock)
        }
    }
}
