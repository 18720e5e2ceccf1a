public import KubeClient

/// Lists and watches a typed kind through a ``KubeClient``: objects are decoded straight from
/// the response bytes into `Object`, never kept as JSON.
public struct KubeWatchSource<Object: KubernetesResource>: WatchSource {
    /// The client that performs the calls.
    public let client: KubeClient
    /// The namespace to watch; nil watches every namespace (and cluster-scoped kinds).
    public let namespace: String?
    /// How list pages and watch events are decoded (an informer skips `managedFields`).
    public let decoding: DecodingOptions

    /// A source for `Object` in `namespace` (nil: all namespaces).
    /// - Parameter decoding: what to leave out while decoding; the default decodes everything.
    public init(client: KubeClient, namespace: String? = nil, decoding: DecodingOptions = DecodingOptions()) {
        self.client = client
        self.namespace = namespace
        self.decoding = decoding
    }

    public var description: String { Object.resource.describe(namespace: namespace) }

    public func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<Object> {
        let list = try await client.list(Object.self, namespace: namespace, options: options, decoding: decoding)
        return WatchListPage(items: list.items, resourceVersion: list.metadata.resourceVersion,
                             continueToken: list.metadata.continue)
    }

    public func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<Object> {
        WatchEventStream(try await client.watch(Object.self, namespace: namespace, options: options, decoding: decoding))
    }

    public func metadata(of object: Object) -> ObjectMeta { object.metadata }

    public func removeManagedFields(from object: inout Object) { object.metadata.managedFields = nil }
}

extension ResourceType {
    /// `widgets.demo.example.com in namespace kt-watch`, for logs.
    func describe(namespace: String?) -> String {
        guard namespaced, let namespace else { return qualifiedName }
        return "\(qualifiedName) in namespace \(namespace)"
    }
}
