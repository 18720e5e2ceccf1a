public import KubeQueue

/// The whole requeue policy in one place (controller-runtime's `reconcileHandler`).
public enum RequeuePolicy {
    /// Applies a reconcile's result to the work queue and says what happened.
    ///
    /// | result | queue |
    /// |---|---|
    /// | ``ReconcileResult/done`` | `forget` (reset the key's backoff) |
    /// | ``ReconcileResult/requeueAfter(_:)`` | `forget`, then `addAfter(delay)` |
    /// | thrown error | `addRateLimited` (per-key exponential backoff) |
    /// | thrown ``TerminalError`` | `forget`; not re-added (the caller counts it) |
    ///
    /// The caller still marks the key `done` on the queue afterwards.
    @discardableResult
    public static func apply(_ result: Result<ReconcileResult, any Error>, for key: ObjectKey,
                             on queue: WorkQueue<ObjectKey>) -> ReconcileOutcome {
        switch result {
        case .failure(let error as TerminalError):
            queue.forget(key)
            return .terminalError(error)
        case .failure(let error):
            queue.addRateLimited(key)
            return .error(error)
        case .success(.requeueAfter(let delay)):
            queue.forget(key)
            queue.addAfter(key, delay: delay)
            return .requeueAfter(delay)
        case .success(.done):
            queue.forget(key)
            return .success
        }
    }
}
