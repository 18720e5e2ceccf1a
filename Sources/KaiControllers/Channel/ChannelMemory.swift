import Foundation
import Synchronization

/// What the Channel controller remembers between reconciles of one Channel in this process
/// (by uid). Losing it (a restart) costs at most one extra `info` call per Channel: every
/// decision that must survive a restart is in the Channel's status.
final class ChannelMemory: Sendable {
    struct Entry: Sendable {
        /// When the kernel was last seen to exist (created, adopted or checked).
        var verifiedAt: Date?
        /// The fingerprint of the token the last failed attempt used; a different token now
        /// (the Secret was fixed) retries at once.
        var failedTokenFingerprint: String?
        /// The last token used, for releasing the kernel when the Secret is gone by then
        /// (namespace deletion removes Secrets and Channels together).
        var lastToken: String?
        /// Failed release attempts, for the release backoff.
        var releaseFailures: Int64 = 0
        /// No release before this time (the backoff after a failed one): the status write that
        /// records the failure triggers a reconcile of its own.
        var releaseNotBefore: Date?
    }

    let entries = Mutex<[String: Entry]>([:])

    func entry(_ uid: String) -> Entry {
        entries.withLock { $0[uid] } ?? Entry()
    }

    func update(_ uid: String, _ change: (inout Entry) -> Void) {
        entries.withLock { entries in
            var entry = entries[uid] ?? Entry()
            change(&entry)
            entries[uid] = entry
        }
    }

    func forget(_ uid: String) {
        _ = entries.withLock { $0.removeValue(forKey: uid) }
    }

    /// Drops the entries of Channels no longer cached.
    func retain(uids: Set<String>) {
        entries.withLock { entries in entries = entries.filter { uids.contains($0.key) } }
    }
}
