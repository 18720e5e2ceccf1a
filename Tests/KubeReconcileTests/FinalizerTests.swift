import JSON
import KubeClient
import KubeReconcile
import KubeTestServer
import Testing

/// Finalizer patches never clobber other controllers' finalizers.
@Suite(.timeLimit(.minutes(1)))
struct FinalizerTests {
    let ours = "kai.dev/kernel-release"

    func finalizers(_ object: JSONValue?) -> [String] {
        object?[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func thePatchesTestWhatTheyWereComputedFrom() throws {
        var meta = ObjectMeta(name: "c1", namespace: "demo")
        meta.resourceVersion = "42"
        #expect(try Finalizers.addPatch(ours, to: meta) == [
            ["op": "test", "path": "/metadata/resourceVersion", "value": "42"],
            ["op": "add", "path": "/metadata/finalizers", "value": [.string(ours)]],
        ])
        meta.finalizers = ["other/one"]
        #expect(try Finalizers.addPatch(ours, to: meta) == [
            ["op": "test", "path": "/metadata/finalizers", "value": ["other/one"]],
            ["op": "add", "path": "/metadata/finalizers/-", "value": .string(ours)],
        ])
        meta.finalizers = [ours, "other/one", ours]
        #expect(try Finalizers.addPatch(ours, to: meta) == nil)
        #expect(Finalizers.removePatch(ours, from: meta) == [
            ["op": "test", "path": "/metadata/finalizers/2", "value": .string(ours)],
            ["op": "remove", "path": "/metadata/finalizers/2"],
            ["op": "test", "path": "/metadata/finalizers/0", "value": .string(ours)],
            ["op": "remove", "path": "/metadata/finalizers/0"],
        ])
        meta.finalizers = ["other/one"]
        #expect(Finalizers.removePatch(ours, from: meta) == nil)
    }

    @Test func addingToAStaleCopyKeepsAFinalizerAddedMeanwhile() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let stale = try await server.create(configMap("c1", finalizers: ["other/one"]))
            // Another controller adds its finalizer after we read the object.
            var fresh = try await client.get(.configMaps, name: "c1", namespace: "demo")
            fresh[path: "metadata", "finalizers"] = ["other/one", "other/two"]
            _ = try await client.update(.configMaps, fresh)

            let result = try await Finalizers.add(ours, to: stale, resource: .configMaps, client: client)
            #expect(finalizers(result) == ["other/one", "other/two", ours])
            let stored = try await client.get(.configMaps, name: "c1", namespace: "demo")
            #expect(finalizers(stored) == ["other/one", "other/two", ours])
        }
    }

    @Test func addingToAnObjectWithoutFinalizersIsGuardedByItsVersion() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let stale = try await server.create(configMap("c1"))
            var fresh = try await client.get(.configMaps, name: "c1", namespace: "demo")
            fresh[path: "metadata", "finalizers"] = ["other/one"]
            _ = try await client.update(.configMaps, fresh)

            let result = try await Finalizers.add(ours, to: stale, resource: .configMaps, client: client)
            #expect(finalizers(result) == ["other/one", ours])
            // Adding again is a no-op that needs no write.
            let again = try await Finalizers.add(ours, to: result, resource: .configMaps, client: client)
            #expect(again[path: "metadata", "resourceVersion"] == result[path: "metadata", "resourceVersion"])
        }
    }

    @Test func removingFromAStaleCopyKeepsTheOthers() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let stale = try await server.create(configMap("c1", finalizers: [ours, "other/one"]))
            // Meanwhile the list is reordered and grows: our finalizer moved to index 1.
            var fresh = try await client.get(.configMaps, name: "c1", namespace: "demo")
            fresh[path: "metadata", "finalizers"] = ["other/zero", .string(ours), "other/one"]
            _ = try await client.update(.configMaps, fresh)

            let result = try await Finalizers.remove(ours, from: stale, resource: .configMaps, client: client)
            #expect(finalizers(result) == ["other/zero", "other/one"])
        }
    }

    @Test func removingTheLastFinalizerOfADeletedObjectReportsItGone() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            _ = try await server.create(configMap("c1", finalizers: [ours]))
            guard case .pending(let deleting) = try await client.delete(.configMaps, name: "c1", namespace: "demo") else {
                Issue.record("the finalizer should hold the object")
                return
            }
            let result = try await Finalizers.remove(ours, from: deleting, resource: .configMaps, client: client)
            #expect(finalizers(result).isEmpty)
            #expect(try await server.object(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "c1") == nil)
            // Removing from an object that no longer exists is done, not an error.
            #expect(try await Finalizers.remove(ours, from: deleting, resource: .configMaps, client: client) == nil)
        }
    }
}
