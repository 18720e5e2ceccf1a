import JSON
import KubeClient
import KubeWatch
import KubeWatchTestSupport
import Testing

/// The sources pass their decoding options to the client's list and watch: against the
/// in-process server, which records managedFields on every write.
@Suite(.timeLimit(.minutes(1)))
struct DecodingSourceTests {
    static let listOptions = ListOptions(fieldSelector: ConfigMap.withoutRootCA)

    /// The first ADDED/MODIFIED object of a watch from the start.
    func firstWatched<Source: WatchSource>(_ source: Source) async throws -> Source.Object? {
        for try await event in try await source.watch(WatchOptions(resourceVersion: "0", fieldSelector: ConfigMap.withoutRootCA)) {
            if let object = event.object { return object }
        }
        return nil
    }

    @Test func typedSourceSkipsManagedFieldsOnlyWhenAsked() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a", data: ["k": "1"], labels: ["app.kubernetes.io/name": "decoding-test"])
            let plain = KubeWatchSource<ConfigMap>(client: cluster.client, namespace: "default")
            #expect(plain.decoding == DecodingOptions())
            #expect(try await plain.list(Self.listOptions).items.first?.metadata.managedFields?.isEmpty == false)
            #expect(try await firstWatched(plain)?.metadata.managedFields?.isEmpty == false)

            let cache = KubeWatchSource<ConfigMap>(client: cluster.client, namespace: "default", decoding: .cache)
            let listed = try await cache.list(Self.listOptions).items
            #expect(listed.count == 1)
            #expect(listed.first?.metadata.managedFields == nil)
            #expect(listed.first?.data == ["k": "1"])
            #expect(listed.first?.metadata.labels == ["app.kubernetes.io/name": "decoding-test"])
            let watched = try await firstWatched(cache)
            #expect(watched?.metadata.managedFields == nil)
            #expect(watched?.data == ["k": "1"])
        }
    }

    @Test func dynamicSourceSkipsManagedFieldsOnlyWhenAsked() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a", data: ["k": "1"])
            let plain = DynamicWatchSource(client: cluster.client, resource: .configMaps, namespace: "default")
            #expect(try await plain.list(Self.listOptions).items.first?[path: "metadata", "managedFields"] != nil)
            #expect(try await firstWatched(plain)?[path: "metadata", "managedFields"] != nil)

            let cache = DynamicWatchSource(client: cluster.client, resource: .configMaps, namespace: "default",
                                           decoding: DecodingOptions(skipManagedFields: true))
            let listed = try await cache.list(Self.listOptions).items
            #expect(listed.count == 1)
            #expect(listed.first?[path: "metadata", "managedFields"] == nil)
            #expect(listed.first?[path: "data", "k"] == "1")
            let watched = try await firstWatched(cache)
            #expect(watched?[path: "metadata", "managedFields"] == nil)
            #expect(watched?[path: "metadata", "name"] == "a")
        }
    }

    @Test func watchersHandTheOptionsToTheirSources() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            let typed = Watcher(client: cluster.client, ConfigMap.self, namespace: "default", decoding: .cache)
            #expect(try await typed.source.list(Self.listOptions).items.first?.metadata.managedFields == nil)
            let typedPlain = Watcher(client: cluster.client, ConfigMap.self, namespace: "default")
            #expect(try await typedPlain.source.list(Self.listOptions).items.first?.metadata.managedFields != nil)
            let dynamic = Watcher(client: cluster.client, resource: .configMaps, namespace: "default", decoding: .cache)
            #expect(try await dynamic.source.list(Self.listOptions).items.first?[path: "metadata", "managedFields"] == nil)
        }
    }
}
