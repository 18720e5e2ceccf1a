import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueRateLimitingTests {
    /// Fails `key` once more and checks it comes back exactly `expected` later on the clock.
    private func failAndExpectRetry(
        _ key: String, after expected: Duration, queue: WorkQueue<String>, clock: ManualClock
    ) async {
        queue.addRateLimited(key)
        #expect(queue.delayedCount == 1)
        clock.advance(by: expected - .milliseconds(1))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await queue.get() == key)
        queue.done(key)
    }

    @Test func rateLimitedRetriesBackOffExponentially() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        for (failures, delay) in [5, 10, 20, 40].enumerated() {
            await failAndExpectRetry("a", after: .milliseconds(delay), queue: queue, clock: clock)
            #expect(queue.numRequeues("a") == failures + 1)
        }
    }

    @Test func forgetRestartsTheBackoff() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await failAndExpectRetry("a", after: .milliseconds(5), queue: queue, clock: clock)
        await failAndExpectRetry("a", after: .milliseconds(10), queue: queue, clock: clock)
        queue.forget("a")
        #expect(queue.numRequeues("a") == 0)
        await failAndExpectRetry("a", after: .milliseconds(5), queue: queue, clock: clock)
    }

    @Test func requeueAfterKeepsAnEarlierPendingRetry() async {
        // forget + addAfter resets the failure count, but a retry already scheduled
        // earlier still wins (the earliest ready time is kept).
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addRateLimited("a")
        queue.forget("a")
        queue.addAfter("a", delay: .seconds(30))
        #expect(queue.numRequeues("a") == 0)
        clock.advance(by: .milliseconds(5))
        #expect(await queue.get() == "a")
        #expect(queue.delayedCount == 0)
    }

    @Test func requeueAfterBypassesTheBackoff() async {
        // What a controller does for a reconciler's own requeueAfter: forget, then addAfter.
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        await failAndExpectRetry("a", after: .milliseconds(5), queue: queue, clock: clock)
        queue.forget("a")
        queue.addAfter("a", delay: .seconds(30))
        clock.advance(by: .seconds(29))
        #expect(queue.count == 0)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "a")
        #expect(queue.numRequeues("a") == 0)
    }

    @Test func customRateLimiterDecidesTheDelay() async {
        let clock = ManualClock()
        let limiter = ItemFastSlowRateLimiter<String>(fastDelay: .seconds(1), slowDelay: .seconds(60), maxFastAttempts: 1)
        let queue = WorkQueue<String>(clock: clock, rateLimiter: limiter)
        await failAndExpectRetry("a", after: .seconds(1), queue: queue, clock: clock)
        await failAndExpectRetry("a", after: .seconds(60), queue: queue, clock: clock)
        #expect(queue.numRequeues("a") == 2)
    }

    @Test func defaultBucketSpacesOutAFloodOfFailures() async {
        let clock = ManualClock()
        let queue = WorkQueue<Int>(clock: clock)
        for key in 0..<102 { queue.addRateLimited(key) }
        // 100 go after their 5 ms backoff; the bucket holds back #100 to 100 ms, #101 to 200 ms.
        clock.advance(by: .milliseconds(5))
        var got: [Int] = []
        for _ in 0..<100 { got.append(await queue.get() ?? -1) }
        #expect(got == Array(0..<100))
        #expect(queue.delayedCount == 2)
        clock.advance(by: .milliseconds(95))
        #expect(await queue.get() == 100)
        #expect(queue.delayedCount == 1)
        clock.advance(by: .milliseconds(100))
        #expect(await queue.get() == 101)
    }
}
