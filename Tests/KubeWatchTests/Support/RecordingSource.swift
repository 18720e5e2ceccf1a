import KubeClient
import KubeWatch
import KubeWatchTestSupport
import Synchronization

/// Wraps a client source and records the watch requests and the bookmarks that pass through,
/// so end-to-end tests can see what the watcher asked for and what it was told.
final class RecordingSource: WatchSource, Sendable {
    private struct Log {
        var watches: [WatchOptions] = []
        var lists = 0
        var bookmarks: [String] = []
    }

    let base: KubeWatchSource<ConfigMap>
    private let log = Mutex(Log())

    init(_ base: KubeWatchSource<ConfigMap>) { self.base = base }

    var description: String { base.description }
    var watchCalls: [WatchOptions] { log.withLock { $0.watches } }
    var listCalls: Int { log.withLock { $0.lists } }
    var bookmarks: [String] { log.withLock { $0.bookmarks } }

    func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<ConfigMap> {
        log.withLock { $0.lists += 1 }
        return try await base.list(options)
    }

    func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<ConfigMap> {
        log.withLock { $0.watches.append(options) }
        let stream = try await base.watch(options)
        return WatchEventStream(stream.map { event in
            if case .bookmark(let rv, _) = event { self.log.withLock { $0.bookmarks.append(rv) } }
            return event
        })
    }

    func metadata(of object: ConfigMap) -> ObjectMeta { base.metadata(of: object) }
    func removeManagedFields(from object: inout ConfigMap) { base.removeManagedFields(from: &object) }
}
