import Foundation
import JSON
import Synchronization

/// The Channels this process wrote and its cache has not seen yet ("expectations", as
/// client-go's controllers keep them).
///
/// A write's own watch event arrives a little later than its answer, and the key is often
/// reconciled again before it does (an earlier write's event re-queues it). Reading the cache
/// then would act on a state older than the controller's own last write: repeat a transition,
/// or fail the resourceVersion precondition of the next status write. So after each write the
/// answer is kept here, and used instead of the cached copy until the cache holds that
/// resourceVersion.
///
/// ## Guarantees
/// - ``current(_:now:)`` returns the cached object once the cache has seen the write, and
///   always after ``timeout`` (so a write whose event got lost in a relist is not trusted forever).
/// - Every later write starts from a resourceVersion precondition, so if someone else wrote
///   in between, the write fails with a conflict and the object is read again: trusting the
///   kept answer can delay a change, never lose one.
final class ChannelWrites: Sendable {
    struct Entry: Sendable {
        /// The version written; nil when the write deleted the object (its last finalizer went).
        var resourceVersion: String?
        var object: JSONValue?
        var writtenAt: Date
    }

    let timeout: TimeInterval
    let entries = Mutex<[String: Entry]>([:])

    init(timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        self.timeout = Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Keeps the answer of a write (the object as the server stored it).
    func record(_ object: JSONValue, now: Date) {
        guard let uid = object[path: "metadata", "uid"]?.stringValue,
              let version = object[path: "metadata", "resourceVersion"]?.stringValue else { return }
        var object = object
        object[path: "metadata", "managedFields"] = nil
        entries.withLock { $0[uid] = Entry(resourceVersion: version, object: object, writtenAt: now) }
    }

    /// Called for every object the cache receives: the write is seen once its version arrives.
    func observe(_ object: JSONValue) {
        guard let uid = object[path: "metadata", "uid"]?.stringValue,
              let version = object[path: "metadata", "resourceVersion"]?.stringValue else { return }
        entries.withLock { entries in
            if entries[uid]?.resourceVersion == version { entries[uid] = nil }
        }
    }

    /// Remembers that this process's write deleted the object (removing its last finalizer), so
    /// a stale cached copy is not acted on (a second release) before the delete event arrives.
    func recordDeleted(uid: String, now: Date) {
        entries.withLock { $0[uid] = Entry(resourceVersion: nil, object: nil, writtenAt: now) }
    }

    /// Forgets a deleted object (its delete event arrived).
    func forget(uid: String) {
        _ = entries.withLock { $0.removeValue(forKey: uid) }
    }

    /// The newest state known of `cached`: the cache's copy, or this process's last write
    /// when the cache has not caught up with it; nil when that write deleted the object.
    func current(_ cached: JSONValue, now: Date) -> JSONValue? {
        guard let uid = cached[path: "metadata", "uid"]?.stringValue else { return cached }
        let version = cached[path: "metadata", "resourceVersion"]?.stringValue
        return entries.withLock { entries in
            guard let entry = entries[uid] else { return cached }
            if entry.resourceVersion == version || now.timeIntervalSince(entry.writtenAt) > timeout {
                entries[uid] = nil
                return cached
            }
            return entry.object
        }
    }

    /// How many writes the cache has not seen yet (for tests).
    var pendingCount: Int { entries.withLock { $0.count } }
}
