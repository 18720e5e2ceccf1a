/// What a successful reconcile asks for next.
public enum ReconcileResult: Sendable, Equatable {
    /// The object is where it should be; run again only when something changes.
    case done
    /// Run again after this delay even if nothing changes (polling an outside system).
    ///
    /// The delay replaces any failure backoff: the key's rate limiter is reset first, as
    /// controller-runtime does for `RequeueAfter`. A non-positive delay requeues at once.
    case requeueAfter(Duration)
}
