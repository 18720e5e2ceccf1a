public import KubeQueue

/// How a ``Controller`` runs its reconciles.
public struct ControllerOptions: Sendable {
    /// The default number of workers: 4.
    ///
    /// controller-runtime defaults to 1, which serialises every object of a kind behind the
    /// slowest reconcile. Reconciles here are I/O-bound (API server round trips, the kernel
    /// API, server-side apply of a handful of children), not CPU-bound, so a few workers keep
    /// one slow object from delaying the others even on a 2-core pod, while the per-key
    /// exclusion of the work queue keeps each object's reconciles strictly sequential. Four
    /// per controller (twelve in flight for the three kinds) stays far below the API server's
    /// default per-client fairness share; raise it with `--max-concurrent-reconciles` for
    /// large fleets.
    public static let defaultMaxConcurrentReconciles = 4

    /// How many keys are reconciled at once (flag `--max-concurrent-reconciles`); at least 1.
    public var maxConcurrentReconciles: Int
    /// The retry backoff; nil uses controller-runtime's default (5 ms doubling to 1000 s per
    /// key, and 10 qps / burst 100 overall).
    public var rateLimiter: (any RateLimiter<ObjectKey>)?
    /// How often `workqueue_unfinished_work_seconds` and
    /// `workqueue_longest_running_processor_seconds` are sampled; zero turns sampling off.
    public var unfinishedWorkSamplingPeriod: Duration

    /// Options; the defaults are the production ones.
    public init(maxConcurrentReconciles: Int = ControllerOptions.defaultMaxConcurrentReconciles,
                rateLimiter: (any RateLimiter<ObjectKey>)? = nil,
                unfinishedWorkSamplingPeriod: Duration = .milliseconds(500)) {
        self.maxConcurrentReconciles = maxConcurrentReconciles
        self.rateLimiter = rateLimiter
        self.unfinishedWorkSamplingPeriod = unfinishedWorkSamplingPeriod
    }
}
