/// What a ``Watcher`` reports.
///
/// A (re)list is framed: ``initStarted``, then one ``initApply(_:)`` per object that exists,
/// then ``initDone``. Between frames, ``apply(_:)`` and ``delete(_:)`` report live changes.
/// A consumer that keeps state (the informer cache) buffers the `initApply` objects and swaps
/// them in at `initDone`; anything it held that was not re-listed is gone.
public enum WatcherEvent<Object: Sendable>: Sendable {
    /// A list (the first one, or a relist after `410 Gone`) begins. Discard any partial
    /// `initApply` buffer: a list that failed half-way starts over with this event.
    case initStarted
    /// An object that exists, from a list page or a streaming initial list.
    case initApply(Object)
    /// The list is complete. Objects held from before ``initStarted`` that were not
    /// re-listed were deleted while the watcher could not see it.
    case initDone
    /// An object was added or modified.
    case apply(Object)
    /// An object was deleted (or, for a selector-narrowed watch, stopped matching);
    /// it carries the object's last state.
    case delete(Object)
    /// Something failed; the watcher recovers by itself after ``WatcherError/retryAfter``.
    case error(WatcherError)
}

extension WatcherEvent {
    /// The object of an `initApply`, `apply` or `delete` event.
    public var object: Object? {
        switch self {
        case .initApply(let object), .apply(let object), .delete(let object): return object
        case .initStarted, .initDone, .error: return nil
        }
    }
}
