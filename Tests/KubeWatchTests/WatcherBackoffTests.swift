import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Testing

/// Reconnect delays, measured on the manual clock the watcher sleeps on.
@Suite
struct WatcherBackoffTests {
    let source = ScriptedSource()
    let clock = ManualClock()

    func pendingDelay() async -> Duration? {
        await clock.waitForSleepers(count: 1)
        return clock.nextDeadline.map { clock.now.duration(to: $0) }
    }

    @Test func delaysDoubleFromPointEightSecondsToThirtyAndReset() async {
        let events = EventRecorder(Watcher(source: source, configuration: WatcherConfiguration(backoff: ReconnectBackoff(jitter: 0)),
                                           clock: clock))
        var slept: [Duration] = []
        for _ in 0..<8 {
            source.scriptListFailure(Failures.status(503, "ServiceUnavailable"))
            _ = await events.next(2)   // initStarted, error
            guard let delay = await pendingDelay() else { break }
            slept.append(delay)
            clock.advance(by: delay)
        }
        #expect(slept == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                          .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30)])

        // Healthy for two minutes, then a failure: the sequence starts over.
        source.scriptList([], rv: "5")
        let stream = source.scriptWatch()
        _ = await events.next(2)
        await waitUntil { source.watchCalls.count == 1 }
        clock.advance(by: .seconds(120))
        stream.finish(throwing: Failures.connectionLost)
        #expect(render(await events.next(1)) == ["error watchFailed"])
        #expect(await pendingDelay() == .milliseconds(800))
    }

    @Test func failuresCloserThanTheResetIntervalKeepGrowing() async {
        let events = EventRecorder(Watcher(source: source, configuration: WatcherConfiguration(backoff: ReconnectBackoff(jitter: 0)),
                                           clock: clock))
        source.scriptListFailure(Failures.connectionLost)
        _ = await events.next(2)
        clock.advance(by: await pendingDelay() ?? .zero)
        source.scriptList([], rv: "5")
        let stream = source.scriptWatch()
        _ = await events.next(2)
        await waitUntil { source.watchCalls.count == 1 }
        clock.advance(by: .seconds(60))   // healthy, but not for two minutes
        stream.finish(throwing: Failures.connectionLost)
        _ = await events.next(1)
        #expect(await pendingDelay() == .milliseconds(1600))
    }

    @Test func errorEventsCarryTheDelay() async {
        let backoff = ReconnectBackoff(jitter: 0.5, random: { 0.5 })
        let events = EventRecorder(Watcher(source: source, configuration: WatcherConfiguration(backoff: backoff), clock: clock))
        source.scriptListFailure(Failures.connectionLost)
        let seen = await events.next(2)
        guard case .error(let error) = seen.last else { Issue.record("expected an error"); return }
        #expect(error.kind == .listFailed)
        #expect(error.retryAfter == .milliseconds(600))   // 0.8 s less a quarter of jitter
        #expect(await pendingDelay() == .milliseconds(600))
    }
}

@Suite
struct ReconnectBackoffTests {
    @Test func growsAndCaps() {
        var backoff = ReconnectBackoff(jitter: 0)
        let delays = (0..<9).map { backoff.delay(afterFailureAt: .seconds($0)) }
        #expect(delays == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                           .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30), .seconds(30)])
    }

    @Test func resetsAfterAQuietStretch() {
        var backoff = ReconnectBackoff(jitter: 0)
        _ = backoff.delay(afterFailureAt: .seconds(0))
        _ = backoff.delay(afterFailureAt: .seconds(1))
        #expect(backoff.delay(afterFailureAt: .seconds(100)) == .milliseconds(3200))
        #expect(backoff.delay(afterFailureAt: .seconds(220)) == .milliseconds(800))
    }

    @Test func explicitResetStartsOver() {
        var backoff = ReconnectBackoff(jitter: 0)
        _ = backoff.delay(afterFailureAt: .zero)
        _ = backoff.delay(afterFailureAt: .zero)
        backoff.reset()
        #expect(backoff.delay(afterFailureAt: .zero) == .milliseconds(800))
    }

    @Test func jitterShortensButNeverExceedsTheSchedule() {
        var low = ReconnectBackoff(jitter: 0.2, random: { 0.999 })
        var high = ReconnectBackoff(jitter: 0.2, random: { 0 })
        for attempt in 0..<10 {
            let short = low.delay(afterFailureAt: .seconds(attempt))
            let long = high.delay(afterFailureAt: .seconds(attempt))
            #expect(short < long)
            #expect(short >= long * 0.8)
            #expect(long <= .seconds(30))
        }
    }

    @Test func jitterIsClampedToAFraction() {
        var backoff = ReconnectBackoff(jitter: 7, random: { 0.5 })
        #expect(backoff.jitter == 1)
        #expect(backoff.delay(afterFailureAt: .zero) == .milliseconds(400))
    }
}
