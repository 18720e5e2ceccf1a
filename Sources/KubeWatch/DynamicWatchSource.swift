public import JSON
public import KubeClient

/// Lists and watches any resource as ``JSONValue`` objects, for kinds without a Swift type.
public struct DynamicWatchSource: WatchSource {
    /// The client that performs the calls.
    public let client: KubeClient
    /// What to watch.
    public let resource: ResourceType
    /// The namespace to watch; nil watches every namespace (and cluster-scoped kinds).
    public let namespace: String?
    /// How list pages and watch events are decoded (an informer drops `managedFields` as soon
    /// as each page or event is parsed).
    public let decoding: DecodingOptions

    /// A source for `resource` in `namespace` (nil: all namespaces).
    /// - Parameter decoding: what to leave out while decoding; the default keeps everything.
    public init(client: KubeClient, resource: ResourceType, namespace: String? = nil,
                decoding: DecodingOptions = DecodingOptions()) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
        self.decoding = decoding
    }

    public var description: String { resource.describe(namespace: namespace) }

    public func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<JSONValue> {
        let list = try await client.list(resource, namespace: namespace, options: options, decoding: decoding)
        return WatchListPage(items: list["items"]?.arrayValue ?? [],
                             resourceVersion: list[path: "metadata", "resourceVersion"]?.stringValue,
                             continueToken: list[path: "metadata", "continue"]?.stringValue)
    }

    public func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<JSONValue> {
        WatchEventStream(try await client.watch(resource, namespace: namespace, options: options, decoding: decoding))
    }

    public func metadata(of object: JSONValue) -> ObjectMeta { ObjectMeta(metadataOf: object) }

    public func removeManagedFields(from object: inout JSONValue) { object.removeManagedFields() }
}
