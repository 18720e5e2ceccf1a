import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Testing

/// Every way a list or watch fails, and how the watcher recovers without losing or repeating events.
@Suite
struct WatcherRecoveryTests {
    let source = ScriptedSource()
    let clock = ManualClock()

    /// No jitter, so delays are exact.
    func watcher() -> EventRecorder<Widget> {
        let configuration = WatcherConfiguration(backoff: ReconnectBackoff(jitter: 0))
        return EventRecorder(Watcher(source: source, configuration: configuration, clock: clock))
    }

    /// Waits for the watcher's backoff sleep and returns its length.
    func pendingDelay() async -> Duration? {
        await clock.waitForSleepers(count: 1)
        return clock.nextDeadline.map { clock.now.duration(to: $0) }
    }

    @Test func connectionDropReconnectsFromTheLastResourceVersion() async throws {
        source.scriptList([Widget("a", rv: "5")], rv: "10")
        let first = source.scriptWatch()
        first.yield(.added(Widget("b", rv: "11")))
        first.yield(.modified(Widget("b", rv: "12")))
        first.finish(throwing: Failures.connectionLost)
        let second = source.scriptWatch()
        second.yield(.deleted(Widget("a", rv: "13")))
        let events = watcher()

        let before = await events.next(5)
        #expect(render(before) == ["initStarted", "initApply a@5", "initDone", "apply b@11", "apply b@12"])
        let failure = await events.next()
        guard case .error(let error) = failure else { Issue.record("expected an error, got \(String(describing: failure))"); return }
        #expect(error.kind == .watchFailed)
        #expect(error.retryAfter == .milliseconds(800))
        #expect(error.underlying?.apiError == nil)

        #expect(await pendingDelay() == .milliseconds(800))
        #expect(source.watchCalls.count == 1)   // not reconnected before the delay
        clock.advance(by: .milliseconds(800))

        // Resumed from rv 12: the delete arrives once, nothing is replayed and nothing relisted.
        #expect(render(await events.next(1)) == ["delete a@13"])
        #expect(source.watchCalls.map(\.resourceVersion) == ["10", "12"])
        #expect(source.listCalls.count == 1)
    }

    @Test func goneWhenOpeningTheWatchRelists() async {
        source.scriptList([Widget("a", rv: "5"), Widget("b", rv: "6")], rv: "10")
        source.scriptWatchFailure(Failures.gone())
        // While away, b was deleted and c created: the relist no longer has b.
        source.scriptList([Widget("a", rv: "5"), Widget("c", rv: "30")], rv: "31")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(5)) == ["initStarted", "initApply a@5", "initApply b@6", "initDone", "error expired"])
        #expect(await pendingDelay() == .milliseconds(800))
        clock.advance(by: .milliseconds(800))
        #expect(render(await events.next(4)) == ["initStarted", "initApply a@5", "initApply c@30", "initDone"])
        await waitUntil { source.watchCalls.count == 2 }
        #expect(source.watchCalls.map(\.resourceVersion) == ["10", "31"])
        #expect(source.listCalls.map(\.resourceVersion) == [nil, nil])
    }

    @Test func errorEventWith410Relists() async {
        source.scriptList([Widget("a", rv: "5")], rv: "10")
        let stream = source.scriptWatch()
        stream.yield(.modified(Widget("a", rv: "11")))
        // What WatchStream throws for {"type":"ERROR","object":{...,"reason":"Expired","code":410}}.
        stream.finish(throwing: Failures.gone("too old resource version: 11 (50)"))
        source.scriptList([], rv: "60")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(5)) == ["initStarted", "initApply a@5", "initDone", "apply a@11", "error expired"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(2)) == ["initStarted", "initDone"])
        await waitUntil { source.watchCalls.count == 2 }
        #expect(source.watchCalls.last?.resourceVersion == "60")
    }

    @Test func serverRestartReconnectsAndRelistsWhenHistoryIsGone() async {
        // A restarted server first refuses connections, then has lost the old resourceVersions.
        source.scriptList([Widget("a", rv: "5")], rv: "10")
        let stream = source.scriptWatch()
        stream.finish(throwing: Failures.connectionLost)
        source.scriptWatchFailure(Failures.connectionLost)
        source.scriptWatchFailure(Failures.gone())
        source.scriptList([Widget("a", rv: "2")], rv: "3")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(4)) == ["initStarted", "initApply a@5", "initDone", "error watchFailed"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(1)) == ["error watchStartFailed"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(1)) == ["error expired"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(3)) == ["initStarted", "initApply a@2", "initDone"])
        await waitUntil { source.watchCalls.count == 4 }
        #expect(source.watchCalls.map(\.resourceVersion) == ["10", "10", "10", "3"])
    }

    @Test func aFailedPageRestartsTheListFromTheFirstPage() async {
        source.scriptList([Widget("a", rv: "1")], rv: "20", continue: "page-2")
        source.scriptListFailure(Failures.gone("The provided continue parameter is too old"))
        source.scriptList([Widget("a", rv: "1"), Widget("b", rv: "2")], rv: "25")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(3)) == ["initStarted", "initApply a@1", "error expired"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(4)) == ["initStarted", "initApply a@1", "initApply b@2", "initDone"])
        #expect(source.listCalls.map(\.continue) == [nil, "page-2", nil])
    }

    @Test func aListWithoutResourceVersionIsRetried() async {
        source.scriptList([Widget("a", rv: "1")], rv: nil)
        source.scriptList([Widget("a", rv: "1")], rv: "9")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(3)) == ["initStarted", "initApply a@1", "error missingResourceVersion"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(3)) == ["initStarted", "initApply a@1", "initDone"])
    }

    @Test func anEventWithoutResourceVersionRelists() async {
        source.scriptList([], rv: "9")
        let stream = source.scriptWatch()
        var broken = Widget("x", rv: "")
        broken.metadata.resourceVersion = nil
        stream.yield(.added(broken))
        source.scriptList([], rv: "12")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(3)) == ["initStarted", "initDone", "error missingResourceVersion"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(2)) == ["initStarted", "initDone"])
    }

    @Test func aWatchClosedAtOnceWithoutEventsBacksOff() async {
        source.scriptList([], rv: "9")
        source.scriptWatch().finish()
        let events = watcher()
        #expect(render(await events.next(3)) == ["initStarted", "initDone", "error watchClosedEarly"])
        #expect(await pendingDelay() == .milliseconds(800))
    }

    @Test func anIdleWatchClosedByTheServerReconnectsAtOnce() async {
        source.scriptList([], rv: "9")
        let first = source.scriptWatch()
        let events = watcher()
        #expect(render(await events.next(2)) == ["initStarted", "initDone"])
        await waitUntil { source.watchCalls.count == 1 }
        clock.advance(by: .seconds(290))   // the server's timeoutSeconds elapse without events
        first.finish()
        await waitUntil { source.watchCalls.count == 2 }
        #expect(source.watchCalls.map(\.resourceVersion) == ["9", "9"])
        #expect(clock.pendingSleepers == 0)
    }

    @Test func forbiddenWatchIsRetriedFromTheSameVersion() async {
        source.scriptList([], rv: "9")
        source.scriptWatchFailure(Failures.status(403, "Forbidden", "widgets is forbidden"))
        source.scriptWatch()
        let events = watcher()
        let seen = await events.next(3)
        #expect(render(seen) == ["initStarted", "initDone", "error watchStartFailed"])
        if case .error(let error) = seen.last {
            #expect(error.underlying?.isForbidden == true)
            #expect(error.description.contains("widgets is forbidden"))
            #expect(error.description.contains("widgets.demo.example.com in namespace demo"))
        }
        clock.advance(by: await pendingDelay() ?? .zero)
        await waitUntil { source.watchCalls.count == 2 }
        #expect(source.watchCalls.map(\.resourceVersion) == ["9", "9"])
    }
}
