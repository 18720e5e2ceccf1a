/// How an ``Informer`` caches what its watcher reports.
public struct InformerConfiguration<Object: Sendable>: Sendable {
    /// Drop `metadata.managedFields` before caching, as controller-runtime's transform option
    /// does: controllers never read it and it is often the largest part of an object. The
    /// `client:` initialisers of ``Informer`` do not even decode it (see ``decoding``).
    public var stripManagedFields = true
    /// Make equal strings of a list page or watch stream share one buffer while decoding (label
    /// keys, condition messages, ...: see ``DecodingOptions/internStrings``). Typed kinds only;
    /// the values are unchanged.
    public var internStrings = true
    /// Any further change applied to every object before it is cached (drop what the
    /// controller never reads to save memory).
    public var transform: (@Sendable (inout Object) -> Void)?
    /// User-defined indexes, in addition to the built-in ``IndexName/namespace`` and
    /// ``IndexName/controllerUID``.
    public var indexers: [IndexName: Store<Object>.IndexFunction] = [:]
    /// When set, every cached object is redelivered to the handlers as an update (`old == new`)
    /// this often, so a controller revisits everything periodically. Off by default.
    public var resyncPeriod: Duration?

    /// A configuration; the defaults strip managedFields and never resync.
    public init(stripManagedFields: Bool = true, internStrings: Bool = true, transform: (@Sendable (inout Object) -> Void)? = nil,
                indexers: [IndexName: Store<Object>.IndexFunction] = [:], resyncPeriod: Duration? = nil) {
        self.stripManagedFields = stripManagedFields
        self.internStrings = internStrings
        self.transform = transform
        self.indexers = indexers
        self.resyncPeriod = resyncPeriod
    }
}
