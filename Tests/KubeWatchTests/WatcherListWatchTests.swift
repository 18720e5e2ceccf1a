import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Testing

/// The happy path of the state machine: paged list, then watch from the list's resourceVersion.
@Suite
struct WatcherListWatchTests {
    let source = ScriptedSource()
    let clock = ManualClock()

    func watcher(_ configuration: WatcherConfiguration = WatcherConfiguration()) -> EventRecorder<Widget> {
        EventRecorder(Watcher(source: source, configuration: configuration, clock: clock))
    }

    @Test func listsThenWatchesFromTheListResourceVersion() async {
        source.scriptList([Widget("a", rv: "5"), Widget("b", rv: "7")], rv: "10")
        let stream = source.scriptWatch()
        stream.yield(.added(Widget("c", rv: "11")))
        stream.yield(.modified(Widget("a", rv: "12", size: 2)))
        stream.yield(.deleted(Widget("b", rv: "13")))
        let events = watcher()

        #expect(render(await events.next(7)) == [
            "initStarted", "initApply a@5", "initApply b@7", "initDone", "apply c@11", "apply a@12", "delete b@13",
        ])
        #expect(source.watchCalls.map(\.resourceVersion) == ["10"])
        #expect(source.watchCalls.first?.allowWatchBookmarks == true)
        #expect(source.watchCalls.first?.sendInitialEvents == nil)
        #expect(source.watchCalls.first?.timeoutSeconds == 290)
        #expect(source.listCalls.first?.limit == 500)
        #expect(source.listCalls.first?.resourceVersion == nil)
    }

    @Test func followsContinueTokensAcrossPages() async {
        source.scriptList([Widget("a", rv: "1"), Widget("b", rv: "2")], rv: "20", continue: "page-2")
        source.scriptList([], rv: "20", continue: "page-3")   // a filtered page can be empty
        source.scriptList([Widget("c", rv: "3")], rv: "20", continue: "")
        source.scriptWatch()
        let events = watcher(WatcherConfiguration(pageSize: 2))

        #expect(render(await events.next(5)) == ["initStarted", "initApply a@1", "initApply b@2", "initApply c@3", "initDone"])
        #expect(source.listCalls.map(\.continue) == [nil, "page-2", "page-3"])
        #expect(source.listCalls.map(\.limit) == [2, 2, 2])
        // The watch opens only after the last page.
        await waitUntil { source.watchCalls.count == 1 }
        #expect(source.watchCalls.map(\.resourceVersion) == ["20"])
    }

    @Test func selectorsNarrowListAndWatch() async {
        source.scriptList([], rv: "3")
        source.scriptWatch()
        let events = watcher(WatcherConfiguration(labelSelector: "tier=gold", fieldSelector: "metadata.name=w1",
                                                  watchTimeoutSeconds: 60))
        _ = await events.next(2)
        await waitUntil { source.watchCalls.count == 1 }
        #expect(source.listCalls.first?.labelSelector == "tier=gold")
        #expect(source.listCalls.first?.fieldSelector == "metadata.name=w1")
        #expect(source.watchCalls.first?.labelSelector == "tier=gold")
        #expect(source.watchCalls.first?.fieldSelector == "metadata.name=w1")
        #expect(source.watchCalls.first?.timeoutSeconds == 60)
    }

    @Test func bookmarksAdvanceTheResumeVersion() async {
        source.scriptList([], rv: "10")
        let first = source.scriptWatch()
        first.yield(.added(Widget("a", rv: "11")))
        first.yield(.bookmark(resourceVersion: "40", initialEventsEnd: false))
        first.finish()   // the server's timeoutSeconds: a clean close
        let second = source.scriptWatch()
        second.yield(.modified(Widget("a", rv: "41")))
        let events = watcher()

        #expect(render(await events.next(4)) == ["initStarted", "initDone", "apply a@11", "apply a@41"])
        #expect(source.watchCalls.map(\.resourceVersion) == ["10", "40"])
        #expect(source.listCalls.count == 1)
        // A clean close after a healthy watch reconnects at once: nobody slept.
        #expect(clock.pendingSleepers == 0)
    }

    @Test func disablingBookmarksIsPassedOn() async {
        source.scriptList([], rv: "1")
        source.scriptWatch()
        let events = watcher(WatcherConfiguration(bookmarks: false))
        _ = await events.next(2)
        await waitUntil { source.watchCalls.count == 1 }
        #expect(source.watchCalls.first?.allowWatchBookmarks == false)
    }

    @Test func cancellingTheConsumerEndsTheSequence() async {
        source.scriptList([], rv: "1")
        source.scriptWatch()   // stays open, no events
        let events = watcher()
        _ = await events.next(2)
        await waitUntil { source.watchCalls.count == 1 }
        events.cancel()
        await events.finished()   // returns only because the sequence ended
        #expect(source.watchCalls.count == 1)
    }

    @Test func cancellingDuringBackoffEndsTheSequence() async {
        source.scriptListFailure(Failures.connectionLost)
        let events = watcher()
        _ = await events.next(2)   // initStarted, error
        await clock.waitForSleepers(count: 1)
        events.cancel()
        await events.finished()
        #expect(clock.pendingSleepers == 0)
    }
}

/// Polls a condition that another task makes true (yielding in between); gives up after many
/// rounds so a broken test fails instead of hanging.
func waitUntil(_ condition: () -> Bool) async {
    for _ in 0..<200_000 {
        if condition() { return }
        await Task.yield()
    }
    Issue.record("condition never became true")
}
