import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueDelayingTests {
    @Test func delayedKeysArriveInReadyTimeOrderOnTheClock() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("c", delay: .seconds(3))
        queue.addAfter("a", delay: .seconds(1))
        queue.addAfter("b", delay: .seconds(2))
        #expect(queue.count == 0)
        #expect(queue.delayedCount == 3)

        clock.advance(by: .milliseconds(999))
        #expect(queue.count == 0)
        clock.advance(by: .milliseconds(1))
        #expect(await queue.get() == "a")
        #expect(queue.delayedCount == 2)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "b")
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "c")
        #expect(queue.delayedCount == 0)
    }

    @Test func keysDueTogetherArriveInReadyTimeThenArrivalOrder() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("late", delay: .seconds(5))
        queue.addAfter("x", delay: .seconds(2))
        queue.addAfter("y", delay: .seconds(2))
        queue.addAfter("first", delay: .seconds(1))
        clock.advance(by: .seconds(10))
        var order: [String] = []
        for _ in 0..<4 { order.append(await queue.get() ?? "") }
        #expect(order == ["first", "x", "y", "late"])
    }

    @Test func earlierReadyTimeReplacesALaterOne() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("a", delay: .seconds(5))
        queue.addAfter("a", delay: .seconds(1))
        #expect(queue.delayedCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "a")
        queue.done("a")
        // The superseded 5 s entry is gone: no timer is left and "a" does not come back.
        #expect(queue.delayedCount == 0)
        #expect(clock.pendingSleepers == 0)
        clock.advance(by: .seconds(10))
        queue.addAfter("sentinel", delay: .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "sentinel")
        #expect(queue.count == 0)
    }

    @Test func laterReadyTimeForAWaitingKeyIsIgnored() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("a", delay: .seconds(1))
        queue.addAfter("a", delay: .seconds(5))
        #expect(queue.delayedCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "a")
        #expect(queue.delayedCount == 0)
    }

    @Test func earlierKeyReplacesTheSleepingTimer() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("slow", delay: .seconds(60))
        await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(60)))
        queue.addAfter("fast", delay: .seconds(1))
        // The 60 s sleeper was cancelled; one task sleeps, until the earlier time.
        await clock.waitForSleepers(count: 1)
        #expect(clock.pendingSleepers == 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(1)))
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "fast")
        // Then the timer re-arms for the remaining key.
        await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(60)))
        clock.advance(by: .seconds(59))
        #expect(await queue.get() == "slow")
    }

    @Test func laterKeyKeepsTheSleepingTimer() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("a", delay: .seconds(1))
        await clock.waitForSleepers(count: 1)
        queue.addAfter("b", delay: .seconds(2))
        #expect(clock.pendingSleepers == 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(1)))
    }

    @Test func nonPositiveDelayAddsAtOnce() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        queue.addAfter("now", delay: .zero)
        queue.addAfter("past", delay: .seconds(-1))
        #expect(queue.count == 2)
        #expect(queue.delayedCount == 0)
    }

    @Test func delayedKeyAlreadyQueuedIsDeduplicated() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a")
        queue.addAfter("a", delay: .seconds(1))
        clock.advance(by: .seconds(1))
        queue.addAfter("sentinel", delay: .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "sentinel")
        #expect(queue.count == 0)
    }

    @Test func delayedKeyIsHandedToAnIdleWorker() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        let worker = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 1 }
        queue.addAfter("a", delay: .milliseconds(250))
        clock.advance(by: .milliseconds(250))
        #expect(await worker.value == "a")
    }
}
