public import KubeClient

/// Where a ``Watcher`` lists and watches: one resource type, possibly narrowed to a namespace.
///
/// The watcher adds the selectors, paging, resource versions and bookmarks to the options it
/// passes; a source only performs the calls and reads object metadata. ``KubeWatchSource``
/// (typed) and ``DynamicWatchSource`` (``JSONValue`` objects) talk to a ``KubeClient``;
/// ``AnyWatchSource`` wraps closures, which is what tests script.
public protocol WatchSource<Object>: Sendable, CustomStringConvertible {
    /// The decoded object type.
    associatedtype Object: Sendable

    /// One LIST page.
    func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<Object>

    /// Opens a WATCH. An `ERROR` event is thrown by the stream as ``KubeError/api(_:)``.
    func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<Object>

    /// The object's metadata (name, namespace, resourceVersion, labels, owners).
    func metadata(of object: Object) -> ObjectMeta

    /// Drops `metadata.managedFields`, which caches do not need and which is often most of an object.
    func removeManagedFields(from object: inout Object)
}

/// One page of a LIST answer.
public struct WatchListPage<Object: Sendable>: Sendable {
    /// The objects of this page.
    public var items: [Object]
    /// The list's `metadata.resourceVersion` (the same on every page of one list).
    public var resourceVersion: String?
    /// `metadata.continue`; nil or empty on the last page.
    public var continueToken: String?

    /// A page.
    public init(items: [Object], resourceVersion: String?, continueToken: String? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}
