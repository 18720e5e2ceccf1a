public import KubeClient

/// A failure the ``Watcher`` recovered from (or is about to): delivered as
/// ``WatcherEvent/error(_:)``, never thrown.
public struct WatcherError: Error, Sendable, CustomStringConvertible {
    /// Which step failed, and therefore what the watcher does next.
    public enum Kind: Sendable, Equatable {
        /// A LIST page failed; the list starts over.
        case listFailed
        /// Opening a WATCH failed; it is reopened from the same resourceVersion.
        case watchStartFailed
        /// An open watch broke (connection lost, bad event); it is reopened from the last
        /// resourceVersion seen.
        case watchFailed
        /// The server no longer has the resourceVersion (`410 Gone`, or an `ERROR` event with
        /// code 410); the watcher relists.
        case expired
        /// A list or an object came without `metadata.resourceVersion`; the watcher relists.
        case missingResourceVersion
        /// The server closed a watch within a second without sending anything, which a healthy
        /// server does not do; treated as a failure so reconnects back off.
        case watchClosedEarly
        /// The streaming initial list (`sendInitialEvents`) failed or is not supported; the
        /// watcher falls back to a paged LIST for the rest of its life.
        case initialEventsFailed
    }

    /// What failed.
    public var kind: Kind
    /// The source that failed, e.g. `widgets.demo.example.com in namespace kt-watch`.
    public var source: String
    /// The client error, when there is one.
    public var underlying: KubeError?
    /// How long the watcher waits before its next request (zero: right away).
    public var retryAfter: Duration

    /// An error report.
    public init(kind: Kind, source: String, underlying: KubeError?, retryAfter: Duration) {
        self.kind = kind
        self.source = source
        self.underlying = underlying
        self.retryAfter = retryAfter
    }

    public var description: String {
        let what: String
        switch kind {
        case .listFailed: what = "list failed"
        case .watchStartFailed: what = "watch could not be opened"
        case .watchFailed: what = "watch broke"
        case .expired: what = "resourceVersion expired (410), relisting"
        case .missingResourceVersion: what = "no metadata.resourceVersion in the answer, relisting"
        case .watchClosedEarly: what = "the server closed the watch at once without events"
        case .initialEventsFailed: what = "streaming initial list failed, falling back to LIST"
        }
        let cause = underlying.map { ": \($0)" } ?? ""
        return "watch of \(source): \(what)\(cause) (retry in \(retryAfter))"
    }
}
