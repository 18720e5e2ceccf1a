import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueMetricsTests {
    @Test func reportsAddsDepthLatencyAndWorkDurationOnTheClock() async {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let queue = WorkQueue<String>(clock: clock, metrics: metrics, unfinishedWorkSamplingPeriod: .zero)
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(metrics.snapshot.adds == 2)
        #expect(metrics.snapshot.depths == [1, 2])

        clock.advance(by: .seconds(2))
        #expect(await queue.get() == "a")
        #expect(metrics.snapshot.queueLatencies == [.seconds(2)])
        #expect(metrics.snapshot.depths.last == 1)

        clock.advance(by: .seconds(3))
        queue.done("a")
        #expect(metrics.snapshot.workDurations == [.seconds(3)])

        #expect(await queue.get() == "b")
        #expect(metrics.snapshot.queueLatencies == [.seconds(2), .seconds(5)])
        #expect(metrics.snapshot.depths.last == 0)
    }

    @Test func keyReAddedWhileProcessingCountsAsDepthAndLatencyFromItsReAdd() async {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let queue = WorkQueue<String>(clock: clock, metrics: metrics, unfinishedWorkSamplingPeriod: .zero)
        queue.add("a")
        #expect(await queue.get() == "a")
        clock.advance(by: .seconds(1))
        queue.add("a")
        #expect(metrics.snapshot.adds == 2)
        #expect(metrics.snapshot.depths.last == 1)
        clock.advance(by: .seconds(4))
        queue.done("a")
        #expect(await queue.get() == "a")
        #expect(metrics.snapshot.queueLatencies == [.zero, .seconds(4)])
        #expect(metrics.snapshot.workDurations == [.seconds(5)])
    }

    @Test func delayedAndRateLimitedAddsCountAsRetries() {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let queue = WorkQueue<String>(clock: clock, metrics: metrics, unfinishedWorkSamplingPeriod: .zero)
        queue.addAfter("a", delay: .seconds(1))
        queue.addAfter("b", delay: .zero)
        queue.addRateLimited("c")
        #expect(metrics.snapshot.retries == 3)
        // Only "b" is in the queue yet.
        #expect(metrics.snapshot.adds == 1)
        queue.shutDown()
        queue.addAfter("d", delay: .seconds(1))
        #expect(metrics.snapshot.retries == 3)
    }

    @Test func unfinishedWorkSumsTheAgesOfKeysBeingProcessed() async {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let queue = WorkQueue<String>(clock: clock, metrics: metrics, unfinishedWorkSamplingPeriod: .zero)
        queue.updateUnfinishedWorkMetrics()
        #expect(metrics.snapshot.unfinishedWork == [.zero])
        #expect(metrics.snapshot.longestRunning == [.zero])
        queue.add("old")
        #expect(await queue.get() == "old")
        clock.advance(by: .seconds(10))
        queue.add("new")
        #expect(await queue.get() == "new")
        clock.advance(by: .seconds(2))
        queue.updateUnfinishedWorkMetrics()
        #expect(metrics.snapshot.unfinishedWork.last == .seconds(14))
        #expect(metrics.snapshot.longestRunning.last == .seconds(12))
    }

    @Test func unfinishedWorkIsSampledEveryPeriodUntilShutDown() async {
        let clock = ManualClock()
        let metrics = RecordingMetrics()
        let queue = WorkQueue<String>(clock: clock, metrics: metrics, unfinishedWorkSamplingPeriod: .milliseconds(500))
        queue.add("a")
        #expect(await queue.get() == "a")
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .milliseconds(500))
        await eventually { metrics.snapshot.unfinishedWork.count == 1 }
        #expect(metrics.snapshot.unfinishedWork == [.milliseconds(500)])
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .milliseconds(500))
        await eventually { metrics.snapshot.unfinishedWork.count == 2 }
        #expect(metrics.snapshot.longestRunning == [.milliseconds(500), .seconds(1)])
        await clock.waitForSleepers(count: 1)
        queue.shutDown()
        #expect(clock.pendingSleepers == 0)
    }

    @Test func defaultMetricsRecordNothingAndStartNoSampler() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock, metrics: NoWorkQueueMetrics())
        queue.addAfter("a", delay: .seconds(1))
        // The only sleeper is the delay timer.
        await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(1)))
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == "a")
        #expect(clock.pendingSleepers == 0)
    }
}
