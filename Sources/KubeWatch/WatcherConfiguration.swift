/// How a ``Watcher`` lists and watches.
public struct WatcherConfiguration: Sendable {
    /// How the watcher gets the objects that exist before it watches.
    public enum InitialList: Sendable, Equatable {
        /// Paged LIST (``WatcherConfiguration/pageSize`` per page), then WATCH from the list's
        /// resourceVersion. Works with every server.
        case list
        /// One WATCH with `sendInitialEvents=true&resourceVersionMatch=NotOlderThan`: the current
        /// objects arrive as events up to the `k8s.io/initial-events-end` bookmark, then live
        /// changes follow on the same connection. Less memory on the server; if the server
        /// refuses or the stream fails, the watcher falls back to ``list``.
        case streaming
    }

    /// A label selector (`tier=frontend,env in (prod)`) that narrows the watch on the server.
    public var labelSelector: String?
    /// A field selector (`metadata.name=w1`) that narrows the watch on the server.
    public var fieldSelector: String?
    /// Objects per LIST page; nil lists everything in one answer. client-go also uses 500.
    public var pageSize: Int? = 500
    /// Server-side timeout of each WATCH; the server then closes it cleanly and the watcher
    /// reopens it from the last resourceVersion. Keeps idle connections from going stale.
    public var watchTimeoutSeconds: Int? = 290
    /// Ask for BOOKMARK events, so a reconnect resumes from a recent resourceVersion instead of
    /// falling out of the server's history (and relisting). Leave it on.
    public var bookmarks = true
    /// Paged LIST (default) or streaming initial list.
    public var initialList: InitialList = .list
    /// The delays between failed attempts.
    public var backoff = ReconnectBackoff()

    /// A configuration; every parameter has the production default.
    public init(labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int? = 500,
                watchTimeoutSeconds: Int? = 290, bookmarks: Bool = true, initialList: InitialList = .list,
                backoff: ReconnectBackoff = ReconnectBackoff()) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.bookmarks = bookmarks
        self.initialList = initialList
        self.backoff = backoff
    }
}
