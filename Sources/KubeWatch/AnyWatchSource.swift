public import KubeClient

/// A ``WatchSource`` made of closures: wraps another source, or scripts one in tests.
public struct AnyWatchSource<Object: Sendable>: WatchSource {
    public let description: String
    private let listPage: @Sendable (ListOptions) async throws(KubeError) -> WatchListPage<Object>
    private let openWatch: @Sendable (WatchOptions) async throws(KubeError) -> WatchEventStream<Object>
    private let readMetadata: @Sendable (Object) -> ObjectMeta
    private let stripManagedFields: @Sendable (inout Object) -> Void

    /// A source from closures.
    /// - Parameters:
    ///   - description: names the source in logs and errors.
    ///   - list: answers one LIST page.
    ///   - watch: opens one WATCH.
    ///   - metadata: reads an object's metadata.
    ///   - removeManagedFields: drops `metadata.managedFields` (default: does nothing).
    public init(description: String,
                list: @escaping @Sendable (ListOptions) async throws(KubeError) -> WatchListPage<Object>,
                watch: @escaping @Sendable (WatchOptions) async throws(KubeError) -> WatchEventStream<Object>,
                metadata: @escaping @Sendable (Object) -> ObjectMeta,
                removeManagedFields: @escaping @Sendable (inout Object) -> Void = { _ in }) {
        self.description = description
        listPage = list
        openWatch = watch
        readMetadata = metadata
        stripManagedFields = removeManagedFields
    }

    /// Erases another source's type.
    public init<Source: WatchSource>(_ source: Source) where Source.Object == Object {
        self.init(description: source.description,
                  list: { (options: ListOptions) async throws(KubeError) in try await source.list(options) },
                  watch: { (options: WatchOptions) async throws(KubeError) in try await source.watch(options) },
                  metadata: { source.metadata(of: $0) },
                  removeManagedFields: { source.removeManagedFields(from: &$0) })
    }

    public func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<Object> {
        try await listPage(options)
    }

    public func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<Object> {
        try await openWatch(options)
    }

    public func metadata(of object: Object) -> ObjectMeta { readMetadata(object) }

    public func removeManagedFields(from object: inout Object) { stripManagedFields(&object) }
}
