import JSON
import KubeReconcile
import Synchronization

/// The resourceVersion of every child this process wrote last, per DevSession: lets a
/// reconcile tell a cache that has not caught up with the operator's own write from a child
/// someone else deleted or changed.
///
/// Right after a reconcile applies the children, the watch events of those writes arrive one
/// by one and each one reconciles the DevSession again; the caches of the other children may
/// still hold the state from before the write, or nothing. Without this record those
/// reconciles would apply the children again and report them as created or restored.
/// With it, a child whose cached copy is older than the last write (or missing) is read from
/// the API server instead: one GET, no write, no false event.
///
/// - Important: resourceVersions are compared as integers, which is what etcd-backed API
///   servers hand out. A version that is not an integer is never treated as stale.
final class DevSessionAppliedVersions: Sendable {
    private let versions = Mutex<[String: [InventoryEntry: Int64]]>([:])

    /// Remembers the version of a child just written for the DevSession with `owner` uid.
    func record(owner: String, _ entry: InventoryEntry, object: JSONValue) {
        guard let version = Self.version(of: object) else { return }
        versions.withLock { $0[owner, default: [:]][entry] = version }
    }

    /// True when `cached` (nil: absent from the cache) may predate this process's last write.
    func isStale(owner: String, _ entry: InventoryEntry, cached: JSONValue?) -> Bool {
        guard let written = versions.withLock({ $0[owner]?[entry] }) else { return false }
        guard let cached else { return true }
        guard let version = Self.version(of: cached) else { return false }
        return version < written
    }

    /// Forgets one child (pruned).
    func forget(owner: String, _ entry: InventoryEntry) {
        versions.withLock { _ = $0[owner]?.removeValue(forKey: entry) }
    }

    /// Forgets a DevSession (deleted).
    func forget(owner: String) {
        versions.withLock { _ = $0.removeValue(forKey: owner) }
    }

    static func version(of object: JSONValue) -> Int64? {
        object[path: "metadata", "resourceVersion"]?.stringValue.flatMap { Int64($0) }
    }
}
