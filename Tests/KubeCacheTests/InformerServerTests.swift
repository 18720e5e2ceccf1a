import JSON
import KubeCache
import KubeClient
import KubeQueue
import KubeWatch
import KubeWatchTestSupport
import Synchronization
import Testing

/// The informer end to end, against the in-process API server.
@Suite(.timeLimit(.minutes(1)))
struct InformerServerTests {
    let clock = ManualClock()
    let log = ConfigMapLog()

    func informer(_ cluster: TestCluster, watch: WatcherConfiguration = WatcherConfiguration()) throws -> Informer<ConfigMap> {
        var watch = watch
        watch.fieldSelector = watch.fieldSelector ?? ConfigMap.withoutRootCA
        let informer = try Informer(client: cluster.client, ConfigMap.self, namespace: "default", watch: watch,
                                    clock: clock, logger: quietLogger)
        informer.addEventHandler(log.handler)
        return informer
    }

    @Test func syncsStripsManagedFieldsAndReportsChanges() async throws {
        try await TestCluster.with { cluster in
            let created = try await cluster.create("a", data: ["k": "1"])
            #expect(created.metadata.managedFields?.isEmpty == false)   // the server does send them
            let informer = try informer(cluster)
            let task = Task { await informer.run() }
            defer { task.cancel() }
            #expect(await informer.waitForSync())
            #expect(informer.store.get("default/a")?.data == ["k": "1"])
            #expect(informer.store.get("default/a")?.metadata.managedFields == nil)

            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.update("a", data: ["k": "2"])
            try await cluster.create("b")
            try await cluster.delete("a")
            #expect(await log.waitFor(4) == ["add a {k=1}", "update a {k=1} -> {k=2}", "add b {}", "delete a {k=2}"])
            #expect(informer.store.keys == ["default/b"])
        }
    }

    @Test func objectsDeletedWhileTheWatchWasExpiredAreDeletedFromTheCache() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("kept")
            try await cluster.create("vanishes", data: ["last": "state"])
            let informer = try informer(cluster)
            let task = Task { await informer.run() }
            defer { task.cancel() }
            #expect(await informer.waitForSync())
            await cluster.waitForWatches(1, advancing: clock)
            try await cluster.create("marker")
            _ = await log.waitFor(3)

            // Away: the reconnect fails, the server forgets its history, an object goes.
            cluster.server.faults.failNext(withStatus: 503, verb: "watch")
            await cluster.server.faults.dropWatchConnections()
            await clock.waitForSleepers(count: 1)
            try await cluster.delete("vanishes")
            await cluster.server.faults.compactHistory()
            clock.advance(by: .seconds(1))   // reconnect: 410, then relist after the next backoff
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))

            #expect(await log.waitFor(4).last == "delete vanishes {last=state}")
            #expect(informer.store.keys == ["default/kept", "default/marker"])
        }
    }

    @Test func aSelectorNarrowedInformerDropsObjectsThatStopMatching() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("gold", labels: ["tier": "gold"])
            try await cluster.create("plain")
            let informer = try informer(cluster, watch: WatcherConfiguration(labelSelector: "tier=gold"))
            let task = Task { await informer.run() }
            defer { task.cancel() }
            #expect(await informer.waitForSync())
            #expect(informer.store.keys == ["default/gold"])
            await cluster.waitForWatches(1, advancing: clock)

            _ = try await cluster.client.patch(ConfigMap.self, name: "gold", namespace: "default",
                                               .merge(["metadata": ["labels": ["tier": nil]]]))
            _ = try await cluster.client.patch(ConfigMap.self, name: "plain", namespace: "default",
                                               .merge(["metadata": ["labels": ["tier": "gold"]]]))
            #expect(await log.waitFor(3) == ["add gold {}", "delete gold {}", "add plain {}"])
            #expect(informer.store.keys == ["default/plain"])
        }
    }

    @Test func childrenAreFoundByTheirControllerUID() async throws {
        try await TestCluster.with { cluster in
            let owner = try await cluster.create("owner")
            let uid = try #require(owner.metadata.uid)
            var child = ConfigMap("child")
            child.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: uid,
                                                             controller: true, blockOwnerDeletion: true)]
            _ = try await cluster.client.create(child)
            let informer = try informer(cluster)
            let task = Task { await informer.run() }
            defer { task.cancel() }
            #expect(await informer.waitForSync())
            #expect(try informer.store.keys(index: .controllerUID, value: uid) == ["default/child"])
            #expect(try informer.store.keys(index: .namespace, value: "default") == ["default/child", "default/owner"])
        }
    }
}

/// Records handler calls as `add name {k=v}` and lets a test wait for the n-th.
final class ConfigMapLog: Sendable {
    private let log = HandlerLog()

    var handler: EventHandler<ConfigMap> {
        EventHandler(onAdd: { self.log.record("add \(Self.describe($0))") },
                     onUpdate: { old, new in self.log.record("update \(Self.describe(old)) -> \(Self.data(new))") },
                     onDelete: { self.log.record("delete \(Self.describe($0))") })
    }

    func waitFor(_ count: Int) async -> [String] { await log.waitFor(count) }

    static func describe(_ object: ConfigMap) -> String { "\(object.name) \(data(object))" }

    static func data(_ object: ConfigMap) -> String {
        "{" + (object.data ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }
}
