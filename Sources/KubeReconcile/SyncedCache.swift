public import KubeCache

/// A cache that a ``Manager`` runs and waits for before it starts the controllers: an
/// ``Informer`` of any kind.
public protocol SyncedCache: AnyObject, Sendable {
    /// Keeps the cache current until the calling task is cancelled.
    func run() async
    /// Waits for the first complete list; false if the waiting task is cancelled first.
    func waitForSync() async -> Bool
    /// True once the first complete list is in the cache.
    var hasSynced: Bool { get }
    /// What the cache holds, for logs and errors (`channels.kai.dev in namespace demo`).
    var cacheDescription: String { get }
}

extension Informer: SyncedCache {
    public var cacheDescription: String { watcher.source.description }
}
