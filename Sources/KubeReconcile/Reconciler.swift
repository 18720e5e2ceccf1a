/// Brings one object to its desired state: controller-runtime's one-method `Reconciler`.
///
/// The controller calls it with the key of an object that may have changed (or of an object
/// whose children changed). It must be idempotent and level-based: read the current state
/// (from the cache), compare it with the desired one, act, and report.
///
/// ## Guarantees
/// - The same key is never reconciled twice at once; different keys run concurrently on up
///   to ``ControllerOptions/maxConcurrentReconciles`` workers.
///
/// ## Errors
/// - Returning ``ReconcileResult/done`` forgets the key's failure history.
/// - Returning ``ReconcileResult/requeueAfter(_:)`` runs the key again after that delay.
/// - Throwing retries the key with per-key exponential backoff (5 ms doubling up to 1000 s).
/// - Throwing a ``TerminalError`` does not retry; the failure is logged and counted.
/// - A reconcile still running when the manager's shutdown deadline passes, or when the
///   replica loses its leader lease, is cancelled: check `Task.isCancelled` in long loops.
public protocol Reconciler: Sendable {
    /// Reconciles the object with this key.
    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult
}
