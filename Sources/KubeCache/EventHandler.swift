/// Callbacks an ``Informer`` calls for every change of its cache, in event order.
///
/// Handlers run on the informer's task, one event at a time, under the informer's dispatch
/// lock: keep them short (enqueue a key on a work queue) and do not register handlers from
/// inside one. Reading the informer's ``Store`` from a handler is fine; it already holds the
/// change.
public struct EventHandler<Object: Sendable>: Sendable {
    /// An object appeared (listed for the first time, created, or started matching a selector).
    public var onAdd: @Sendable (_ object: Object) -> Void
    /// An object changed; also called with `old == new` for every object on a periodic resync.
    public var onUpdate: @Sendable (_ old: Object, _ new: Object) -> Void
    /// An object is gone. When the deletion was noticed by a relist rather than an event, the
    /// object is its last state the cache knew.
    public var onDelete: @Sendable (_ object: Object) -> Void

    /// A handler; omitted callbacks do nothing.
    public init(onAdd: @escaping @Sendable (_ object: Object) -> Void = { _ in },
                onUpdate: @escaping @Sendable (_ old: Object, _ new: Object) -> Void = { _, _ in },
                onDelete: @escaping @Sendable (_ object: Object) -> Void = { _ in }) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }

    /// One callback for every kind of change, given the object concerned (the new one for
    /// updates): the usual "enqueue its key" handler.
    public init(onChange: @escaping @Sendable (_ object: Object) -> Void) {
        self.init(onAdd: onChange, onUpdate: { _, new in onChange(new) }, onDelete: onChange)
    }
}
