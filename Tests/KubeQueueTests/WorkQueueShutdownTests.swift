import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueShutdownTests {
    @Test func shutDownStopsAcceptingButHandsOutWhatIsQueuedThenNil() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        queue.add("b")
        queue.shutDown()
        #expect(queue.isShuttingDown)
        queue.add("c")
        queue.addAfter("d", delay: .zero)
        #expect(queue.count == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(await queue.get() == nil)
        #expect(await queue.get() == nil)
    }

    @Test func shutDownWakesIdleWorkersWithNil() async {
        let queue = WorkQueue<String>()
        let workers = (0..<3).map { _ in Task { await queue.get() } }
        await eventually { queue.idleWorkerCount == 3 }
        queue.shutDown()
        for worker in workers { #expect(await worker.value == nil) }
        #expect(queue.idleWorkerCount == 0)
    }

    @Test func keyReAddedBeforeShutDownIsStillHandedOutAfterDone() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        queue.add("a")
        queue.shutDown()
        queue.done("a")
        #expect(await queue.get() == "a")
        queue.done("a")
        #expect(await queue.get() == nil)
    }

    @Test func shutDownDropsDelayedKeysAndStopsTheTimer() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.addAfter("a", delay: .seconds(1))
        await clock.waitForSleepers(count: 1)
        queue.shutDown()
        #expect(clock.pendingSleepers == 0)
        #expect(queue.delayedCount == 0)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == nil)
        queue.addAfter("b", delay: .seconds(1))
        #expect(queue.delayedCount == 0)
    }

    @Test func addRateLimitedAfterShutDownIsIgnoredAndCountsNoFailure() {
        let queue = WorkQueue<String>(clock: ManualClock())
        queue.shutDown()
        queue.addRateLimited("a")
        #expect(queue.numRequeues("a") == 0)
        #expect(queue.delayedCount == 0)
    }

    @Test func shutDownWithDrainReturnsAtOnceWhenNothingIsProcessing() async {
        let queue = WorkQueue<String>()
        queue.add("queued")
        await queue.shutDownWithDrain()
        #expect(queue.isShuttingDown)
        // Queued keys are still handed out after the drain.
        #expect(await queue.get() == "queued")
        #expect(await queue.get() == nil)
    }

    @Test func shutDownWithDrainWaitsForEveryKeyInFlight() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        queue.add("b")
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        let drained = Locked(false)
        let drain = Task {
            await queue.shutDownWithDrain()
            drained.withLock { $0 = true }
        }
        // The drain registers its wait in the same critical section that shuts the queue down.
        await eventually { queue.isShuttingDown }
        queue.done("a")
        #expect(drained.value == false)
        #expect(queue.processingCount == 1)
        queue.done("b")
        await drain.value
        #expect(drained.value)
    }

    @Test func drainDoesNotWaitForAKeyRequeuedByDone() async {
        // client-go: the drain waits for the processing set only; a key re-added before the
        // shutdown goes back to the queue on done and is still handed out.
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        queue.add("a")
        let drain = Task { await queue.shutDownWithDrain() }
        await eventually { queue.isShuttingDown }
        queue.done("a")
        await drain.value
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
    }

    @Test func shutDownEndsAPendingDrain() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        let drain = Task { await queue.shutDownWithDrain() }
        await eventually { queue.isShuttingDown }
        queue.shutDown()
        await drain.value
        #expect(queue.processingCount == 1)
    }

    @Test func cancellingADrainEndsItsWait() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        let drain = Task { await queue.shutDownWithDrain() }
        await eventually { queue.isShuttingDown }
        drain.cancel()
        await drain.value
        #expect(queue.processingCount == 1)
    }

    @Test func droppedQueueStopsItsTimer() async {
        let clock = ManualClock()
        do {
            let queue = WorkQueue<String>(clock: clock)
            queue.addAfter("a", delay: .seconds(3600))
            await clock.waitForSleepers(count: 1)
        }
        await eventually { clock.pendingSleepers == 0 }
        #expect(clock.pendingSleepers == 0)
    }
}
