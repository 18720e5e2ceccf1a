import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Testing

/// The streaming initial list (`sendInitialEvents=true`) and its fallback to LIST.
@Suite
struct WatcherStreamingListTests {
    let source = ScriptedSource()
    let clock = ManualClock()

    func watcher() -> EventRecorder<Widget> {
        let configuration = WatcherConfiguration(initialList: .streaming, backoff: ReconnectBackoff(jitter: 0))
        return EventRecorder(Watcher(source: source, configuration: configuration, clock: clock))
    }

    @Test func initialEventsEndAtTheBookmarkThenTheSameStreamGoesOn() async {
        let stream = source.scriptWatch()
        stream.yield(.added(Widget("w1", rv: "2045")))
        stream.yield(.added(Widget("w2", rv: "2049")))
        stream.yield(.bookmark(resourceVersion: "2237", initialEventsEnd: true))
        stream.yield(.added(Widget("w4", rv: "2238")))
        stream.yield(.bookmark(resourceVersion: "2300", initialEventsEnd: false))
        stream.finish(throwing: Failures.connectionLost)
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(6)) == [
            "initStarted", "initApply w1@2045", "initApply w2@2049", "initDone", "apply w4@2238", "error watchFailed",
        ])
        let first = source.watchCalls.first
        #expect(first?.sendInitialEvents == true)
        #expect(first?.resourceVersionMatch == "NotOlderThan")
        #expect(first?.resourceVersion == nil)
        #expect(first?.allowWatchBookmarks == true)
        #expect(source.listCalls.isEmpty)

        // Reconnects resume from the last bookmark, without asking for initial events again.
        clock.advance(by: await pendingDelay() ?? .zero)
        await waitUntil { source.watchCalls.count == 2 }
        let second = source.watchCalls.last
        #expect(second?.resourceVersion == "2300")
        #expect(second?.sendInitialEvents == nil)
        #expect(second?.resourceVersionMatch == nil)
    }

    @Test func bookmarksBeforeTheEndAreNotTheEnd() async {
        let stream = source.scriptWatch()
        stream.yield(.added(Widget("a", rv: "1")))
        stream.yield(.bookmark(resourceVersion: "5", initialEventsEnd: false))
        stream.yield(.deleted(Widget("a", rv: "6")))   // never sent by a real server here: ignored
        stream.yield(.added(Widget("b", rv: "2")))
        stream.yield(.bookmark(resourceVersion: "7", initialEventsEnd: true))
        let events = watcher()
        #expect(render(await events.next(4)) == ["initStarted", "initApply a@1", "initApply b@2", "initDone"])
    }

    @Test func aRefusingServerMakesTheWatcherListAtOnceAndForGood() async {
        source.scriptWatchFailure(Failures.status(422, "Invalid",
            "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
        source.scriptList([Widget("a", rv: "1")], rv: "10")
        let stream = source.scriptWatch()
        stream.finish(throwing: Failures.gone())
        source.scriptList([], rv: "20")
        source.scriptWatch()
        let events = watcher()

        let seen = await events.next(6)
        #expect(render(seen) == ["initStarted", "error initialEventsFailed", "initStarted", "initApply a@1", "initDone", "error expired"])
        if case .error(let error) = seen[1] {
            #expect(error.retryAfter == .zero)
            #expect(error.underlying?.isInvalid == true)
        }
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(2)) == ["initStarted", "initDone"])
        // The relist after 410 is a LIST again, not another streaming attempt.
        #expect(source.listCalls.count == 2)
        await waitUntil { source.watchCalls.count == 3 }
        #expect(source.watchCalls.map(\.sendInitialEvents) == [true, nil, nil])
    }

    @Test func aStreamEndingBeforeTheBookmarkFallsBackToList() async {
        let stream = source.scriptWatch()
        stream.yield(.added(Widget("a", rv: "1")))
        stream.finish()   // e.g. an old server that ignores sendInitialEvents and times out
        source.scriptList([Widget("a", rv: "1")], rv: "10")
        source.scriptWatch()
        let events = watcher()

        #expect(render(await events.next(3)) == ["initStarted", "initApply a@1", "error initialEventsFailed"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(3)) == ["initStarted", "initApply a@1", "initDone"])
    }

    @Test func goneDuringTheInitialStreamRetriesStreaming() async {
        source.scriptWatchFailure(Failures.gone())
        let stream = source.scriptWatch()
        stream.yield(.bookmark(resourceVersion: "3", initialEventsEnd: true))
        let events = watcher()
        #expect(render(await events.next(2)) == ["initStarted", "error expired"])
        clock.advance(by: await pendingDelay() ?? .zero)
        #expect(render(await events.next(2)) == ["initStarted", "initDone"])
        #expect(source.listCalls.isEmpty)
    }

    func pendingDelay() async -> Duration? {
        await clock.waitForSleepers(count: 1)
        return clock.nextDeadline.map { clock.now.duration(to: $0) }
    }
}
