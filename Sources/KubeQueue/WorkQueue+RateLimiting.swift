extension WorkQueue {
    /// Adds `key` after the delay its rate limiter decides, and counts one more failure for it.
    ///
    /// This is the retry path after a failed reconcile. Does nothing once shutting down.
    public func addRateLimited(_ key: Key) {
        guard !isShuttingDown else { return }
        addAfter(key, delay: rateLimiter.when(key))
    }

    /// Stops tracking `key`'s failures: its next rate-limited add starts from the first delay.
    ///
    /// Call it after a successful reconcile, and before ``addAfter(_:delay:)`` for a
    /// reconciler's own `requeueAfter`. It does not remove the key from the queue.
    public func forget(_ key: Key) {
        rateLimiter.forget(key)
    }

    /// How many times `key` has been re-added through ``addRateLimited(_:)`` since it was
    /// last forgotten.
    public func numRequeues(_ key: Key) -> Int {
        rateLimiter.numRequeues(key)
    }
}
