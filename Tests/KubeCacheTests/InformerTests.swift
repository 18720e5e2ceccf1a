import JSON
import KubeCache
import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Logging
import Synchronization
import Testing

/// The informer against a scripted source: sync, handlers, relists, transforms, resync.
@Suite(.timeLimit(.minutes(1)))
struct InformerTests {
    let source = ScriptedSource()
    let clock = ManualClock()
    let log = HandlerLog()

    func makeInformer(_ configuration: InformerConfiguration<Widget> = InformerConfiguration(),
                      watch: WatcherConfiguration = WatcherConfiguration(backoff: ReconnectBackoff(jitter: 0))) throws -> Informer<Widget> {
        let watcher = Watcher(source: source, configuration: watch, clock: clock, logger: quietLogger)
        return try Informer(watcher: watcher, configuration: configuration, clock: clock, logger: quietLogger)
    }

    /// Runs the informer until the test ends.
    func start(_ informer: Informer<Widget>) -> Task<Void, Never> {
        Task { await informer.run() }
    }

    @Test func syncsAfterTheFirstListAndReportsAdds() async throws {
        source.scriptList([Widget("b", rv: "2"), Widget("a", rv: "1")], rv: "10")
        source.scriptWatch()
        let informer = try makeInformer()
        informer.addEventHandler(log.handler)
        #expect(!informer.hasSynced)
        let task = start(informer)
        defer { task.cancel() }

        #expect(await informer.waitForSync())
        #expect(informer.hasSynced)
        #expect(informer.store.list().map(\.tag) == ["a@1", "b@2"])
        #expect(log.entries == ["add b@2", "add a@1"])   // in list order
    }

    @Test func handlersSeeChangesInOrderWithOldAndNew() async throws {
        source.scriptList([Widget("a", rv: "1")], rv: "10")
        let stream = source.scriptWatch()
        let informer = try makeInformer()
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        stream.yield(.added(Widget("b", rv: "11")))
        stream.yield(.modified(Widget("a", rv: "12", size: 2)))
        stream.yield(.modified(Widget("a", rv: "13", size: 3)))
        stream.yield(.deleted(Widget("b", rv: "14")))
        #expect(await log.waitFor(5) == ["add a@1", "add b@11", "update a@1 -> a@12", "update a@12 -> a@13", "delete b@14"])
        #expect(informer.store.list().map(\.tag) == ["a@13"])
        #expect(informer.store.get("demo/a")?.spec?.size == 3)
    }

    @Test func aDeleteForAnUnknownObjectIsIgnored() async throws {
        source.scriptList([], rv: "10")
        let stream = source.scriptWatch()
        let informer = try makeInformer()
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())
        stream.yield(.deleted(Widget("ghost", rv: "11")))
        stream.yield(.added(Widget("real", rv: "12")))
        #expect(await log.waitFor(1) == ["add real@12"])
    }

    @Test func aRelistAfterGoneDeletesWhatVanishedAndUpdatesWhatChanged() async throws {
        source.scriptList([Widget("kept", rv: "1"), Widget("changed", rv: "2"), Widget("vanished", rv: "3")], rv: "10")
        let stream = source.scriptWatch()
        stream.finish(throwing: Failures.gone())
        source.scriptList([Widget("kept", rv: "1"), Widget("changed", rv: "20"), Widget("created", rv: "21")], rv: "30")
        source.scriptWatch()
        let informer = try makeInformer()
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        await clock.waitForSleepers(count: 1)   // the backoff before the relist
        clock.advance(by: .seconds(1))
        let entries = await log.waitFor(6)
        #expect(Array(entries.dropFirst(3)) == ["add created@21", "update changed@2 -> changed@20", "delete vanished@3"])
        #expect(informer.store.keys == ["demo/changed", "demo/created", "demo/kept"])
        #expect(informer.hasSynced)
    }

    @Test func theStoreIsNeverHalfARelist() async throws {
        source.scriptList([Widget("a", rv: "1"), Widget("b", rv: "2")], rv: "10")
        source.scriptWatchFailure(Failures.gone())
        // The relist's first page arrives, its second page is not scripted yet.
        source.scriptList([Widget("a", rv: "5")], rv: "20", continue: "next")
        let informer = try makeInformer()
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        await waitUntil { source.listCalls.count == 3 }
        // Mid-relist, readers still see the complete previous state.
        #expect(informer.store.list().map(\.tag) == ["a@1", "b@2"])
        source.scriptList([Widget("c", rv: "6")], rv: "20")
        source.scriptWatch()
        await waitUntil { informer.store.keys == ["demo/a", "demo/c"] }
        #expect(informer.store.list().map(\.tag) == ["a@5", "c@6"])
    }

    @Test func managedFieldsAreStrippedBeforeCaching() async throws {
        var listed = Widget("a", rv: "1")
        listed.metadata.managedFields = [["manager": "kubectl", "operation": "Update"]]
        var watched = Widget("b", rv: "11")
        watched.metadata.managedFields = [["manager": "demo-client", "operation": "Update"]]
        source.scriptList([listed], rv: "10")
        let stream = source.scriptWatch()
        stream.yield(.added(watched))
        let informer = try makeInformer()
        let seen = SeenObjects()
        informer.addEventHandler(EventHandler(onChange: { seen.append($0) }))
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())
        await waitUntil { informer.store.count == 2 }

        #expect(informer.store.list().allSatisfy { $0.metadata.managedFields == nil })
        #expect(seen.objects.allSatisfy { $0.metadata.managedFields == nil })
    }

    @Test func managedFieldsCanBeKept() async throws {
        var listed = Widget("a", rv: "1")
        listed.metadata.managedFields = [["manager": "kubectl"]]
        source.scriptList([listed], rv: "10")
        source.scriptWatch()
        let informer = try makeInformer(InformerConfiguration(stripManagedFields: false))
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())
        #expect(informer.store.get("demo/a")?.metadata.managedFields?.count == 1)
    }

    @Test func theTransformRunsOnEveryObject() async throws {
        source.scriptList([Widget("a", rv: "1", labels: ["x": "y"])], rv: "10")
        let stream = source.scriptWatch()
        stream.yield(.modified(Widget("a", rv: "2", labels: ["x": "z"])))
        let informer = try makeInformer(InformerConfiguration(transform: { $0.metadata.labels = nil; $0.spec = nil }))
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await log.waitFor(2) == ["add a@1", "update a@1 -> a@2"])
        #expect(informer.store.get("demo/a")?.metadata.labels == nil)
        #expect(informer.store.get("demo/a")?.spec == nil)
    }

    @Test func aLateHandlerFirstGetsTheCachedObjects() async throws {
        source.scriptList([Widget("b", rv: "2"), Widget("a", rv: "1")], rv: "10")
        let stream = source.scriptWatch()
        let informer = try makeInformer()
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        informer.addEventHandler(log.handler)
        #expect(log.entries == ["add a@1", "add b@2"])
        stream.yield(.modified(Widget("a", rv: "11")))
        #expect(await log.waitFor(3) == ["add a@1", "add b@2", "update a@1 -> a@11"])
    }

    @Test func aRemovedHandlerIsNotCalledAgain() async throws {
        source.scriptList([], rv: "10")
        let stream = source.scriptWatch()
        let informer = try makeInformer()
        let other = HandlerLog()
        let registration = informer.addEventHandler(log.handler)
        informer.addEventHandler(other.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        stream.yield(.added(Widget("a", rv: "11")))
        _ = await other.waitFor(1)
        informer.removeEventHandler(registration)
        stream.yield(.added(Widget("b", rv: "12")))
        #expect(await other.waitFor(2) == ["add a@11", "add b@12"])
        #expect(log.entries == ["add a@11"])
    }

    @Test func periodicResyncRedeliversEveryObject() async throws {
        source.scriptList([Widget("a", rv: "1"), Widget("b", rv: "2")], rv: "10")
        source.scriptWatch()
        let informer = try makeInformer(InformerConfiguration(resyncPeriod: .seconds(30)))
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(30)))
        clock.advance(by: .seconds(30))
        #expect(await log.waitFor(4) == ["add a@1", "add b@2", "update a@1 -> a@1", "update b@2 -> b@2"])
    }

    @Test func noResyncByDefault() async throws {
        source.scriptList([Widget("a", rv: "1")], rv: "10")
        source.scriptWatch()
        let informer = try makeInformer()
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())
        #expect(clock.pendingSleepers == 0)
    }

    @Test func anInvalidLabelSelectorIsRejectedUpFront() {
        #expect(throws: LabelSelectorError.self) {
            try makeInformer(watch: WatcherConfiguration(labelSelector: "env in prod"))
        }
    }

    @Test func waitForSyncReturnsFalseWhenCancelled() async throws {
        let informer = try makeInformer()   // never started: never syncs
        let waiter = Task { await informer.waitForSync() }
        waiter.cancel()
        #expect(await waiter.value == false)
    }

    @Test func runEndsWhenCancelledAndRunsOnlyOnce() async throws {
        source.scriptList([], rv: "10")
        source.scriptWatch()
        let informer = try makeInformer()
        let task = start(informer)
        #expect(await informer.waitForSync())
        await informer.run()   // a second run returns at once
        task.cancel()
        await task.value
        #expect(source.watchCalls.count == 1)
    }

    @Test func manyReadersWhileEventsFlow() async throws {
        source.scriptList((0..<50).map { Widget("w\($0)", rv: "\($0 + 1)", labels: ["even": "\($0 % 2 == 0)"]) }, rv: "100")
        let stream = source.scriptWatch()
        let informer = try makeInformer()
        informer.addEventHandler(log.handler)
        let task = start(informer)
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var reads = 0
                    for _ in 0..<200 {
                        reads += informer.store.list(selector: LabelSelector(matchLabels: ["even": "true"])).count
                        reads += informer.store.get("demo/w1") == nil ? 0 : 1
                    }
                    return reads
                }
            }
            for i in 0..<100 { stream.yield(.modified(Widget("w\(i % 50)", rv: "\(200 + i)", labels: ["even": "\(i % 2 == 0)"]))) }
            var total = 0
            for await reads in group { total += reads }
            #expect(total > 0)
        }
        _ = await log.waitFor(150)
        #expect(informer.store.count == 50)
        #expect(informer.store.get("demo/w49")?.metadata.resourceVersion == "299")
    }
}

/// Informer over JSON objects (the untyped path), with a closure source.
@Suite(.timeLimit(.minutes(1)))
struct JSONInformerTests {
    @Test func cachesJSONWithoutManagedFields() async throws {
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "cm", "namespace": "demo", "resourceVersion": "4", "labels": ["app": "kai"],
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "d", "uid": "uid-d", "controller": true]],
                         "managedFields": [["manager": "kubectl"]]],
            "data": ["k": "v"],
        ]
        let source = AnyWatchSource<JSONValue>(
            description: "configmaps in namespace demo",
            list: { _ in WatchListPage(items: [object], resourceVersion: "5") },
            watch: { _ in WatchEventStream(AsyncThrowingStream<WatchEvent<JSONValue>, any Error> { _ in }) },
            metadata: { ObjectMeta(metadataOf: $0) },
            removeManagedFields: { $0[path: "metadata", "managedFields"] = nil })
        let informer = try Informer(watcher: Watcher(source: source, clock: ManualClock(), logger: quietLogger), logger: quietLogger)
        let task = Task { await informer.run() }
        defer { task.cancel() }
        #expect(await informer.waitForSync())

        let cached = try #require(informer.store.get("demo/cm"))
        #expect(cached[path: "metadata", "managedFields"] == nil)
        #expect(cached[path: "data", "k"] == "v")
        #expect(try informer.store.keys(index: .controllerUID, value: "uid-d") == ["demo/cm"])
        #expect(try informer.store.list(labelSelector: "app=kai").count == 1)
    }
}

/// Objects a handler saw.
final class SeenObjects: Sendable {
    private let state = Mutex<[Widget]>([])
    func append(_ widget: Widget) { state.withLock { $0.append(widget) } }
    var objects: [Widget] { state.withLock { $0 } }
}

let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// Polls a condition that another task makes true (yielding in between); gives up after many
/// rounds so a broken test fails instead of hanging.
func waitUntil(_ condition: () -> Bool) async {
    for _ in 0..<100_000 {
        if condition() { return }
        await Task.yield()
    }
    Issue.record("condition never became true")
}
