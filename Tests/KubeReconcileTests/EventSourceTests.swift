import JSON
import KubeCache
import KubeClient
import KubeQueue
import KubeReconcile
import KubeTestServer
import Testing

/// Event sources against the test API server: the primary kind, owned kinds mapped to their
/// controller owner, and arbitrary mappings.
@Suite(.timeLimit(.minutes(1)))
struct EventSourceTests {
    /// Runs a controller that records every key it reconciles, with `configure` choosing its sources.
    func withRecordingController(_ client: KubeClient,
                                 configure: (Controller) throws -> [any SyncedCache],
                                 _ body: (Probe<ObjectKey>) async throws -> Void) async throws {
        let keys = Probe<ObjectKey>()
        let controller = try Controller(name: "recorder", reconciler: ReconcilerFunction { key, _ in
            keys.record(key)
            return .done
        }, options: ControllerOptions(unfinishedWorkSamplingPeriod: .zero), logger: quietLogger)
        let caches = try configure(controller)
        #expect(controller.caches.count == caches.count)
        let cacheTasks = caches.map { cache in Task { await cache.run() } }
        for cache in caches { #expect(await cache.waitForSync()) }
        let run = Task { await controller.run() }
        do {
            try await body(keys)
        } catch {
            controller.shutDown()
            for task in cacheTasks { task.cancel() }
            throw error
        }
        controller.shutDown()
        await run.value
        for task in cacheTasks { task.cancel() }
    }

    @Test func thePrimaryKindEnqueuesItsOwnKey() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let informer = try Informer(client: client, resource: .configMaps, namespace: "demo", logger: quietLogger)
            try await withRecordingController(client, configure: { controller in
                controller.watch(informer)
                return [informer]
            }) { keys in
                // The initial list holds the ConfigMap kube-controller-manager publishes into every namespace.
                #expect(await keys.next() == ObjectKey(namespace: "demo", name: "kube-root-ca.crt"))
                try await server.create(configMap("one"))
                #expect(await keys.next() == ObjectKey(namespace: "demo", name: "one"))
                _ = try await client.delete(.configMaps, name: "one", namespace: "demo")
                #expect(await keys.next() == ObjectKey(namespace: "demo", name: "one"))
            }
        }
    }

    @Test func ownedObjectsEnqueueTheirControllerOwner() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let informer = try Informer(client: client, resource: .configMaps, namespace: "demo", logger: quietLogger)
            try await withRecordingController(client, configure: { controller in
                controller.watch(owned: informer, owner: channelType)
                return [informer]
            }) { keys in
                // Not owned, or owned by another kind: nothing; then a child of Channel c1.
                try await server.create(configMap("loose"))
                var foreign = configMap("foreign")
                foreign[path: "metadata", "ownerReferences"] = [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "d",
                                                                               uid: "u", controller: true).json]
                try await server.create(foreign)
                try await server.create(configMap("child", ownerChannel: "c1"))
                #expect(await keys.next() == ObjectKey(namespace: "demo", name: "c1"))

                // The child moves to c2: both owners hear of it.
                var moved = try await client.get(.configMaps, name: "child", namespace: "demo")
                moved[path: "metadata", "ownerReferences"] = [channelOwnerReference("c2").json]
                _ = try await client.update(.configMaps, moved)
                var owners: Set<ObjectKey> = []
                for _ in 0..<2 { owners.insert(await keys.next()) }
                #expect(owners == [ObjectKey(namespace: "demo", name: "c1"), ObjectKey(namespace: "demo", name: "c2")])

                _ = try await client.delete(.configMaps, name: "child", namespace: "demo")
                #expect(await keys.next() == ObjectKey(namespace: "demo", name: "c2"))
                #expect(!keys.values.contains(ObjectKey(namespace: "demo", name: "loose")))
                #expect(!keys.values.contains(ObjectKey(namespace: "demo", name: "d")))
            }
        }
    }

    @Test func mappingFunctionsEnqueueWhatTheyReturn() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let secrets = try Informer(client: client, resource: .secrets, namespace: "demo", logger: quietLogger)
            // Secrets name the Channels that use them in an annotation (the cache would use an index).
            let map: @Sendable (JSONValue) -> [ObjectKey] = { secret in
                let names = secret[path: "metadata", "annotations", "test.kai.dev/channels"]?.stringValue ?? ""
                let namespace = secret[path: "metadata", "namespace"]?.stringValue
                return names.split(separator: ",").map { ObjectKey(namespace: namespace, name: String($0)) }
            }
            try await withRecordingController(client, configure: { controller in
                controller.watch(secrets, map: map)
                return [secrets]
            }) { keys in
                try await server.create(["apiVersion": "v1", "kind": "Secret",
                                         "metadata": ["name": "token", "namespace": "demo",
                                                      "annotations": ["test.kai.dev/channels": "c1,c2"]],
                                         "stringData": ["token": "s3cret"]])
                var first: Set<ObjectKey> = []
                for _ in 0..<2 { first.insert(await keys.next()) }
                #expect(first == [ObjectKey(namespace: "demo", name: "c1"), ObjectKey(namespace: "demo", name: "c2")])

                // Re-pointed at c3: the old and the new users are reconciled.
                var secret = try await client.get(.secrets, name: "token", namespace: "demo")
                secret[path: "metadata", "annotations", "test.kai.dev/channels"] = "c3"
                _ = try await client.update(.secrets, secret)
                var second: Set<ObjectKey> = []
                for _ in 0..<3 { second.insert(await keys.next()) }
                #expect(second == [ObjectKey(namespace: "demo", name: "c1"), ObjectKey(namespace: "demo", name: "c2"),
                                   ObjectKey(namespace: "demo", name: "c3")])
            }
        }
    }
}
