public import JSON
public import KubeClient
public import KubeWatch
public import Logging
import Synchronization

/// A cache of one resource type kept current by a ``Watcher``, with secondary indexes,
/// a "has synced" signal and event handlers: client-go's shared informer.
///
/// ```swift
/// let informer = try Informer(client: client, Widget.self, namespace: "demo")
/// informer.addEventHandler(EventHandler { queue.add(informer.store.key(of: $0)) })
/// let task = Task { await informer.run() }
/// guard await informer.waitForSync() else { return }   // false: cancelled
/// let gold = try informer.store.list(labelSelector: "tier=gold")
/// ```
///
/// ## Guarantees
/// - The ``store`` changes only at events: after a (re)list it is swapped whole, so readers
///   never see half a list. An object deleted while the watch was down, or that stopped
///   matching, is removed at the relist and reported to ``EventHandler/onDelete``.
/// - Handlers see every change once, in event order, with the old and new object for updates;
///   a handler added late first gets an `onAdd` for every cached object.
/// - Cached objects have no `managedFields` (unless ``InformerConfiguration/stripManagedFields``
///   is off) and are the decoded values only.
///
/// ## Caveats
/// - ``run()`` runs once; it returns when its task is cancelled, and the informer is then done.
/// - Handlers are synchronous and run under the dispatch lock: enqueue, do not block, and do
///   not add or remove handlers from inside one.
/// - A relist reports an update only for objects whose resourceVersion changed.
///
/// ## Errors
/// Watch failures never stop the informer: the watcher logs them and recovers (see
/// ``Watcher``). A label selector that does not parse is rejected when the informer is made.
public final class Informer<Object: Sendable>: Sendable {
    /// The cached objects; read it from any task.
    public let store: Store<Object>
    /// What feeds the cache.
    public let watcher: Watcher<Object>
    let configuration: InformerConfiguration<Object>
    let clock: any Clock<Duration>
    let logger: Logger
    let synced = SyncSignal()
    let dispatch = Mutex(Dispatch())
    let started = Mutex(false)

    /// The registered handlers; the lock also serialises every store write with its dispatch.
    struct Dispatch {
        var nextID: UInt64 = 0
        var handlers: [(id: UInt64, handler: EventHandler<Object>)] = []
    }

    /// An informer fed by `watcher`.
    /// - Parameters:
    ///   - configuration: transform, indexes and resync period.
    ///   - clock: drives the periodic resync (the watcher has its own).
    /// - Throws: ``LabelSelectorError`` when the watcher's label selector does not parse.
    public init(watcher: Watcher<Object>, configuration: InformerConfiguration<Object> = InformerConfiguration(),
                clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "kai.informer")) throws(LabelSelectorError) {
        if let selector = watcher.configuration.labelSelector { _ = try LabelSelector(parsing: selector) }
        self.watcher = watcher
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        let source = watcher.source
        store = Store(metadata: { source.metadata(of: $0) }, indexers: configuration.indexers)
    }

    /// True once the first complete list is in the store and was delivered to the handlers.
    /// Stays true through later relists.
    public var hasSynced: Bool { synced.isSet }

    /// Waits until ``hasSynced``; returns false if the waiting task is cancelled first.
    public func waitForSync() async -> Bool { await synced.wait() }

    /// Registers a handler. If the cache already holds objects, the handler first gets an
    /// `onAdd` for each (sorted by key), before any later change.
    @discardableResult
    public func addEventHandler(_ handler: EventHandler<Object>) -> EventHandlerRegistration {
        dispatch.withLock { dispatch in
            dispatch.nextID += 1
            dispatch.handlers.append((dispatch.nextID, handler))
            for object in store.list() { handler.onAdd(object) }
            return EventHandlerRegistration(id: dispatch.nextID)
        }
    }

    /// Unregisters a handler; it gets no further calls.
    public func removeEventHandler(_ registration: EventHandlerRegistration) {
        dispatch.withLock { $0.handlers.removeAll { $0.id == registration.id } }
    }
}

extension Informer where Object: KubernetesResource {
    /// An informer of a typed kind. Its watcher decodes with ``InformerConfiguration/decoding``:
    /// without `managedFields` (unless ``InformerConfiguration/stripManagedFields`` is off) and
    /// with shared strings.
    /// - Parameters:
    ///   - namespace: the namespace to cache; nil caches all namespaces.
    ///   - watch: selectors, paging, initial-list strategy and backoff of the watcher.
    ///   - clock: drives the watcher's backoff and the resync.
    /// - Throws: ``LabelSelectorError`` when `watch.labelSelector` does not parse.
    public convenience init(client: KubeClient, _ type: Object.Type = Object.self, namespace: String? = nil,
                            watch: WatcherConfiguration = WatcherConfiguration(),
                            configuration: InformerConfiguration<Object> = InformerConfiguration(),
                            clock: any Clock<Duration> = ContinuousClock(),
                            logger: Logger = Logger(label: "kai.informer")) throws(LabelSelectorError) {
        try self.init(watcher: Watcher(client: client, Object.self, namespace: namespace, configuration: watch,
                                       decoding: configuration.decoding, clock: clock, logger: logger),
                      configuration: configuration, clock: clock, logger: logger)
    }
}

extension Informer where Object == JSONValue {
    /// An informer of any resource, caching JSON objects. Its watcher drops `managedFields` as
    /// soon as each page or event is parsed (unless ``InformerConfiguration/stripManagedFields``
    /// is off).
    /// - Parameters:
    ///   - namespace: the namespace to cache; nil caches all namespaces.
    /// - Throws: ``LabelSelectorError`` when `watch.labelSelector` does not parse.
    public convenience init(client: KubeClient, resource: ResourceType, namespace: String? = nil,
                            watch: WatcherConfiguration = WatcherConfiguration(),
                            configuration: InformerConfiguration<Object> = InformerConfiguration(),
                            clock: any Clock<Duration> = ContinuousClock(),
                            logger: Logger = Logger(label: "kai.informer")) throws(LabelSelectorError) {
        try self.init(watcher: Watcher(client: client, resource: resource, namespace: namespace, configuration: watch,
                                       decoding: configuration.decoding, clock: clock, logger: logger),
                      configuration: configuration, clock: clock, logger: logger)
    }
}
