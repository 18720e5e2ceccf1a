import JSON
import KubeCache
import KubeClient
import KubeWatch
import KubeWatchTestSupport
import Testing

/// `stripManagedFields` reaches the decoding of the informer's own watcher: what the cache
/// drops is not decoded in the first place.
@Suite(.timeLimit(.minutes(1)))
struct InformerDecodingTests {
    @Test func configurationMapsToDecodingOptions() {
        #expect(InformerConfiguration<ConfigMap>().decoding == .cache)
        #expect(InformerConfiguration<ConfigMap>(stripManagedFields: false).decoding
                == DecodingOptions(skipManagedFields: false, internStrings: true))
        #expect(InformerConfiguration<ConfigMap>(internStrings: false).decoding == DecodingOptions(skipManagedFields: true))
    }

    @Test func typedInformerDoesNotDecodeManagedFields() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a", data: ["k": "1"])
            // The watcher's source itself (which never strips) gets no managedFields.
            let informer = try Informer(client: cluster.client, ConfigMap.self, namespace: "default", logger: quietLogger)
            let listed = try await informer.watcher.source.list(ListOptions(fieldSelector: ConfigMap.withoutRootCA)).items
            #expect(listed.count == 1 && listed.first?.metadata.managedFields == nil)

            let keeping = try Informer(client: cluster.client, ConfigMap.self, namespace: "default",
                                       configuration: InformerConfiguration(stripManagedFields: false), logger: quietLogger)
            #expect(try await keeping.watcher.source.list(ListOptions(fieldSelector: ConfigMap.withoutRootCA)).items.first?.metadata.managedFields?.isEmpty == false)
        }
    }

    @Test func dynamicInformerDropsManagedFieldsAtParsing() async throws {
        try await TestCluster.with { cluster in
            try await cluster.create("a")
            let informer = try Informer(client: cluster.client, resource: .configMaps, namespace: "default", logger: quietLogger)
            let listed = try await informer.watcher.source.list(ListOptions(fieldSelector: ConfigMap.withoutRootCA)).items
            #expect(listed.count == 1 && listed.first?[path: "metadata", "managedFields"] == nil)

            let keeping = try Informer(client: cluster.client, resource: .configMaps, namespace: "default",
                                       configuration: InformerConfiguration(stripManagedFields: false), logger: quietLogger)
            #expect(try await keeping.watcher.source.list(ListOptions(fieldSelector: ConfigMap.withoutRootCA)).items.first?[path: "metadata", "managedFields"] != nil)
        }
    }
}
