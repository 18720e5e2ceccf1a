import JSON
import KubeClient
import KubeReconcile
import KubeTestServer
import Testing

/// Server-side apply of children as `kai-operator` (forced) and inventory pruning.
@Suite(.timeLimit(.minutes(1)))
struct ApplierTests {
    func managers(_ object: JSONValue?) -> [String] {
        object?[path: "metadata", "managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
    }

    @Test func childrenAreAppliedByKaiOperatorAndTakeTheirFieldsBack() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let applier = Applier(client: client, logger: quietLogger)
            var rendered = configMap("settings", data: ["mode": "fast"], ownerChannel: "c1")
            rendered[path: "metadata", "labels"] = ["app.kubernetes.io/managed-by": "kai-operator"]
            let inventory = try await applier.apply([rendered])
            #expect(inventory == [InventoryEntry(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "settings")])
            let live = try await client.get(.configMaps, name: "settings", namespace: "demo")
            #expect(live[path: "data", "mode"] == "fast")
            #expect(managers(live).contains("kai-operator"))

            // Someone else takes the field over with their own apply...
            _ = try await client.patch(.configMaps, name: "settings", namespace: "demo",
                                       .apply(["apiVersion": "v1", "kind": "ConfigMap",
                                               "metadata": ["name": "settings", "namespace": "demo"], "data": ["mode": "slow", "extra": "theirs"]]),
                                       options: WriteOptions(fieldManager: "someone-else", force: true))
            // ...and the operator's forced apply takes it back, leaving their other field alone.
            let reapplied = try await applier.apply(rendered)
            #expect(reapplied[path: "data", "mode"] == "fast")
            #expect(reapplied[path: "data", "extra"] == "theirs")
        }
    }

    @Test func objectsWithoutTheirIdentityAreRefused() async throws {
        try await withAPIServer { server, client in
            let applier = Applier(client: client, logger: quietLogger)
            await #expect(throws: InvalidObjectError(object: "ConfigMap <unnamed>", field: "metadata.name", reason: "required")) {
                try await applier.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]] as JSONValue)
            }
            await #expect(throws: InvalidObjectError.self) {
                try await applier.apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]] as JSONValue)
            }
        }
    }

    @Test func pruningDeletesWhatIsNoLongerRenderedAndOnlyIfItIsOurs() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let applier = Applier(client: client, logger: quietLogger)
            let previous = try await applier.apply([configMap("keep", ownerChannel: "c1"), configMap("drop", ownerChannel: "c1"),
                                                    configMap("adopted", ownerChannel: "c1")])
            // "adopted" now belongs to another owner; "vanished" was deleted by hand.
            var adopted = try await client.get(.configMaps, name: "adopted", namespace: "demo")
            adopted[path: "metadata", "ownerReferences"] = [channelOwnerReference("c9").json]
            _ = try await client.update(.configMaps, adopted)
            let vanished = InventoryEntry(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "vanished")

            let current = try await applier.apply([configMap("keep", ownerChannel: "c1")])
            let pruned = try await applier.prune(previous: previous + [vanished], current: current, ownerUID: "uid-c1")
            #expect(pruned.map(\.name) == ["drop", "vanished"])
            let left = try await server.objects(apiVersion: "v1", kind: "ConfigMap", namespace: "demo")
                .compactMap { $0[path: "metadata", "name"]?.stringValue }
            #expect(left.contains("keep"))
            #expect(left.contains("adopted"))
            #expect(!left.contains("drop"))
        }
    }

    @Test func inventoryEntriesAreTheSameObjectAcrossVersionsOfAGroup() async throws {
        try await withAPIServer { _, client in
            let applier = Applier(client: client, logger: quietLogger)
            let v1 = InventoryEntry(apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", namespace: "demo", name: "h")
            let v2 = InventoryEntry(apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "demo", name: "h")
            // Nothing to prune, so nothing is even looked up.
            let pruned = try await applier.prune(previous: [v1], current: [v2])
            #expect(pruned.isEmpty)
        }
    }
}
