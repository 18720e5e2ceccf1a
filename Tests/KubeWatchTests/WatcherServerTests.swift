import JSON
import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Testing

/// The watcher end to end, against the in-process API server and its fault injection.
@Suite(.timeLimit(.minutes(1)))
struct WatcherServerTests {
    let clock = ManualClock()

    func watch(_ cluster: TestCluster, namespace: String? = "default",
               _ configuration: WatcherConfiguration = WatcherConfiguration(pageSize: 2)) -> EventRecorder<ConfigMap> {
        var configuration = configuration
        configuration.fieldSelector = configuration.fieldSelector ?? ConfigMap.withoutRootCA
        return EventRecorder(Watcher(client: cluster.client, ConfigMap.self, namespace: namespace, configuration: configuration,
                                     clock: clock, logger: quietLogger))
    }

    func names(_ events: [WatcherEvent<ConfigMap>]) -> [String] {
        render(events) { $0.name }
    }

    @Test func pagedListThenLiveChanges() async throws {
        try await TestCluster.with { cluster in
            for name in ["a", "b", "c"] { try await cluster.create(name) }
            let events = watch(cluster)
            #expect(names(await events.next(5)) == ["initStarted", "initApply a", "initApply b", "initApply c", "initDone"])

            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.create("d")
            try await cluster.update("a", data: ["k": "v"])
            try await cluster.delete("b")
            let live = await events.next(3)
            #expect(names(live) == ["apply d", "apply a", "delete b"])
            #expect(live[1].object?.data == ["k": "v"])
        }
    }

    @Test func droppedConnectionsResumeWithoutLossOrDuplicates() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            let events = watch(cluster)
            _ = await events.next(3)
            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.create("b")
            #expect(names(await events.next(1)) == ["apply b"])

            // Changes made while the connection is down arrive once, after the reconnect.
            await cluster.server.faults.dropWatchConnections()
            try await cluster.update("a", data: ["x": "1"])
            try await cluster.create("c")
            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.delete("b")
            #expect(names(await events.next(3)) == ["apply a", "apply c", "delete b"])
        }
    }

    @Test func anExpiredWatchRelistsAndForgetsWhatWasDeletedMeanwhile() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            try await cluster.create("b")
            let events = watch(cluster)
            _ = await events.next(4)
            await cluster.waitForWatches(1, advancing: clock)

            await cluster.server.faults.expireNextWatch()
            try await cluster.delete("b")   // seen live: a delete event
            #expect(names(await events.next(1)) == ["delete b"])
            await cluster.server.faults.dropWatchConnections()
            try await cluster.create("c")
            // The reconnect gets an ERROR 410 event: relist, which has a and c but not b.
            #expect(names(await events.next(1)) == ["error expired"])
            clock.advance(by: .seconds(1))
            #expect(names(await events.next(4)) == ["initStarted", "initApply a", "initApply c", "initDone"])
        }
    }

    @Test func compactedHistoryRelists() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            let events = watch(cluster)
            _ = await events.next(3)
            await cluster.waitForWatches(1, advancing: clock)
            // An event first, so the drop is not mistaken for a server refusing watches.
            try await cluster.create("x")
            #expect(names(await events.next(1)) == ["apply x"])

            // Keep the watcher away (its reconnect fails and it backs off) while the server
            // changes and forgets its history.
            cluster.server.faults.failNext(withStatus: 503, verb: "watch")
            await cluster.server.faults.dropWatchConnections()
            #expect(names(await events.next(1)) == ["error watchStartFailed"])
            try await cluster.delete("a")
            try await cluster.create("b")
            await cluster.server.faults.compactHistory()
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(1))

            // The resume version is older than the server's history: relist, without a.
            #expect(names(await events.next(1)) == ["error expired"])
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))
            #expect(names(await events.next(4)) == ["initStarted", "initApply b", "initApply x", "initDone"])
        }
    }

    @Test func bookmarksKeepTheResumeVersionInsideTheHistory() async throws {
        try await TestCluster.with { cluster in
            try await cluster.createNamespace("other")
            try await cluster.create("a")
            let source = RecordingSource(KubeWatchSource(client: cluster.client, namespace: "default"))
            let events = EventRecorder(Watcher(source: source, configuration: WatcherConfiguration(fieldSelector: ConfigMap.withoutRootCA, watchTimeoutSeconds: nil),
                                               clock: clock, logger: quietLogger))
            _ = await events.next(3)
            await cluster.waitForWatches(1, advancing: clock)
            // Changes elsewhere move the server's resourceVersion past ours; only a bookmark tells us.
            for i in 0..<3 { try await cluster.create("x\(i)", namespace: "other") }
            let current = String(await cluster.server.currentResourceVersion())
            await cluster.serverClock.waitForSleepers(count: 1)   // the watch's bookmark timer
            cluster.serverClock.advance(by: .seconds(60))
            await waitUntil { source.bookmarks.contains(current) }

            // History before the bookmark is gone: resuming from the list's version would be 410.
            await cluster.server.faults.compactHistory()
            await cluster.server.faults.dropWatchConnections()
            try await cluster.create("b")
            #expect(names(await events.next(1)) == ["apply b"])
            #expect(source.watchCalls.map(\.resourceVersion).last == current)
            #expect(source.listCalls == 1)
        }
    }

    @Test func aRestartedServerIsReconnectedTo() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            let events = watch(cluster)
            _ = await events.next(3)
            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.create("b")
            _ = await events.next(1)

            try await cluster.server.restart()
            try await cluster.update("a", data: ["after": "restart"])
            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.create("c")
            // Whatever errors the reconnect met, the changes arrive once and in order.
            var changes: [String] = []
            while changes.count < 2 {
                guard let event = await events.next() else { break }
                if case .error = event { continue }
                changes += names([event])
            }
            #expect(changes == ["apply a", "apply c"])
        }
    }

    @Test func streamingInitialListAgainstTheServer() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            try await cluster.create("b")
            let events = watch(cluster, WatcherConfiguration(initialList: .streaming))
            #expect(names(await events.next(4)) == ["initStarted", "initApply a", "initApply b", "initDone"])
            try await cluster.create("c")
            #expect(names(await events.next(1)) == ["apply c"])
        }
    }

    @Test func selectorsAndNamespaceNarrowTheWatch() async throws {
        try await TestCluster.with { cluster in
            try await cluster.createNamespace("other")
            try await cluster.create("gold-1", labels: ["tier": "gold"])
            try await cluster.create("plain")
            try await cluster.create("gold-2", namespace: "other", labels: ["tier": "gold"])
            let events = watch(cluster, WatcherConfiguration(labelSelector: "tier=gold"))
            #expect(names(await events.next(3)) == ["initStarted", "initApply gold-1", "initDone"])
            await cluster.waitForWatches(1, advancing: clock)

            try await cluster.create("gold-3", namespace: "other", labels: ["tier": "gold"])
            try await cluster.create("silver", labels: ["tier": "silver"])
            try await cluster.create("gold-4", labels: ["tier": "gold"])
            #expect(names(await events.next(1)) == ["apply gold-4"])
        }
    }

    @Test func untypedWatcherOfJSONObjects() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a", data: ["k": "v"])
            let events = EventRecorder(Watcher(client: cluster.client, resource: .configMaps, namespace: "default",
                                               configuration: WatcherConfiguration(fieldSelector: ConfigMap.withoutRootCA),
                                               clock: clock, logger: quietLogger))
            let seen = await events.next(3)
            #expect(render(seen) { $0[path: "metadata", "name"]?.stringValue ?? "?" } == ["initStarted", "initApply a", "initDone"])
            #expect(seen[1].object?[path: "data", "k"] == "v")
        }
    }
}
