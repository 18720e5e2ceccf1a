public import JSON
public import KubeClient
public import Logging

/// Watches one resource type for changes and recovers from every failure: the list+watch
/// state machine of client-go's reflector and kube-rs' `watcher`, as an `AsyncSequence` of
/// ``WatcherEvent``s.
///
/// ```swift
/// let watcher = Watcher(client: client, Widget.self, namespace: "demo")
/// for await event in watcher {
///     switch event {
///     case .initStarted: buffer = [:]
///     case .initApply(let widget): buffer[widget.metadata.name ?? ""] = widget
///     case .initDone: widgets = buffer
///     case .apply(let widget): widgets[widget.metadata.name ?? ""] = widget
///     case .delete(let widget): widgets[widget.metadata.name ?? ""] = nil
///     case .error(let error): print(error)   // already logged; the watcher recovers by itself
///     }
/// }
/// ```
///
/// It lists (paged, ``WatcherConfiguration/pageSize`` objects per page, following `continue`),
/// then watches from the list's resourceVersion with bookmarks on. Optionally the list is a
/// streaming initial list (``WatcherConfiguration/InitialList/streaming``). The states are
/// `empty` → `initialListing(page)` (or `initialStreaming`) → `initialListed(resourceVersion)`
/// → `watching(resourceVersion)`; see `WatcherState`.
///
/// ## Guarantees
/// - Every change is reported once and in the server's order while watching; a dropped
///   connection, a server-side timeout or a server restart reconnects from the last
///   resourceVersion seen (objects and bookmarks both advance it), so nothing is lost or
///   repeated.
/// - When the server no longer has that resourceVersion (`410 Gone`, as an HTTP status or an
///   `ERROR` event), the watcher relists: ``WatcherEvent/initStarted``, every current object as
///   ``WatcherEvent/initApply(_:)``, ``WatcherEvent/initDone``. Objects deleted while it was
///   away are exactly those held before and not re-listed, so a consumer that swaps its
///   state at `initDone` keeps no stale object (the informer cache reports them as deletes).
/// - Failures are reported as ``WatcherEvent/error(_:)`` (and logged), then retried after a
///   ``ReconnectBackoff`` delay slept on the injected clock. The sequence ends only when the
///   consuming task is cancelled.
///
/// ## Caveats
/// - `initApply` events of a list that fails half-way are followed by a new `initStarted`:
///   buffer them until `initDone`, do not apply them one by one to a live view.
/// - A streaming initial list needs a server that ends it with the `k8s.io/initial-events-end`
///   bookmark; any failure in that phase (a `400`/`422` refusal, an error, the stream ending
///   early) switches this iterator to paged LIST for good.
/// - A watch narrowed by a selector reports an object that stops matching as a
///   ``WatcherEvent/delete(_:)`` although it still exists.
/// - Each `makeAsyncIterator()` runs its own list and watch; share one iterator (the informer
///   does) rather than iterating a watcher twice.
///
/// ## Errors
/// ``WatcherError/Kind`` says what failed and what happens next: a failed list starts over,
/// a failed or broken watch reopens from the last resourceVersion, `expired` and
/// `missingResourceVersion` relist. A watch the server closes within a second without
/// sending anything counts as a failure, so a misbehaving server is not hammered.
public struct Watcher<Object: Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatcherEvent<Object>
    public typealias Failure = Never

    /// Where the objects come from.
    public let source: AnyWatchSource<Object>
    /// Selectors, paging, bookmarks, initial-list strategy and backoff.
    public let configuration: WatcherConfiguration
    let clock: any Clock<Duration>
    let logger: Logger

    /// A watcher over any source.
    /// - Parameters:
    ///   - source: performs the list and watch calls.
    ///   - configuration: selectors, paging, strategy and backoff.
    ///   - clock: the backoff sleeps on it (tests inject a manual clock).
    ///   - logger: failures are logged here as well as reported as events.
    public init<Source: WatchSource>(source: Source, configuration: WatcherConfiguration = WatcherConfiguration(),
                                     clock: any Clock<Duration> = ContinuousClock(),
                                     logger: Logger = Logger(label: "kai.watcher")) where Source.Object == Object {
        self.source = (source as? AnyWatchSource<Object>) ?? AnyWatchSource(source)
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(source: source, configuration: configuration, clock: ElapsedClock(clock), logger: logger)
    }
}

extension Watcher where Object: KubernetesResource {
    /// A watcher of a typed kind through a client.
    /// - Parameters:
    ///   - namespace: the namespace to watch; nil watches all namespaces.
    ///   - decoding: what to leave out while decoding (default: everything is decoded).
    public init(client: KubeClient, _ type: Object.Type = Object.self, namespace: String? = nil,
                configuration: WatcherConfiguration = WatcherConfiguration(), decoding: DecodingOptions = DecodingOptions(),
                clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "kai.watcher")) {
        self.init(source: KubeWatchSource<Object>(client: client, namespace: namespace, decoding: decoding),
                  configuration: configuration, clock: clock, logger: logger)
    }
}

extension Watcher where Object == JSONValue {
    /// A watcher of any resource, as JSON objects.
    /// - Parameters:
    ///   - namespace: the namespace to watch; nil watches all namespaces.
    ///   - decoding: what to leave out while decoding (default: everything is kept).
    public init(client: KubeClient, resource: ResourceType, namespace: String? = nil,
                configuration: WatcherConfiguration = WatcherConfiguration(), decoding: DecodingOptions = DecodingOptions(),
                clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "kai.watcher")) {
        self.init(source: DynamicWatchSource(client: client, resource: resource, namespace: namespace, decoding: decoding),
                  configuration: configuration, clock: clock, logger: logger)
    }
}
