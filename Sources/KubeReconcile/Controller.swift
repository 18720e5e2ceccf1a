import Foundation
public import KubeQueue
public import Logging
import Synchronization

/// Runs a ``Reconciler`` for every key its event sources enqueue: controller-runtime's
/// controller, with a rate-limited ``WorkQueue`` between the caches and the workers.
///
/// ```swift
/// let controller = try Controller(name: "channel", reconciler: ChannelReconciler(...), metrics: metrics)
/// controller.watch(channels)                                // the primary kind
/// controller.watch(owned: deployments, owner: Channel.resource)
/// controller.watch(secrets) { secret in channelsReferencing(secret) }
/// manager.add(controller)
/// ```
///
/// ## Guarantees
/// - A key is never reconciled by two workers at once (the queue hands a key to one worker
///   and re-queues it if it changes meanwhile); up to ``maxConcurrentReconciles`` different
///   keys run in parallel.
/// - Every result goes through ``RequeuePolicy/apply(_:for:on:)``.
/// - Every reconcile's log lines carry `controller`, `namespace`, `name` and `reconcileID`.
///
/// ## Caveats
/// ``run()`` runs once. After ``shutDown()`` the workers finish the reconciles in flight and
/// skip the keys still queued (a new leader relists everything anyway).
public final class Controller: Sendable {
    /// The controller's name, in metrics and logs.
    public let name: String
    /// The keys waiting to be reconciled.
    public let queue: WorkQueue<ObjectKey>
    /// How many workers run at once.
    public let maxConcurrentReconciles: Int
    let reconciler: any Reconciler
    let clock: ElapsedClock
    let logger: Logger
    let metrics: ControllerMetrics
    let state = Mutex(State())

    struct State {
        var caches: [ObjectIdentifier: any SyncedCache] = [:]
        var cacheOrder: [ObjectIdentifier] = []
        var started = false
        var stopping = false
    }

    /// A controller that is not running yet.
    /// - Parameters:
    ///   - name: names the controller in metrics and logs; not empty.
    ///   - metrics: where the `controller_runtime_*` and `workqueue_*` series go.
    ///   - clock: times retries, `requeueAfter` and the metrics (tests pass a manual clock).
    /// - Throws: ``ReconcileConfigurationError`` for an empty name or fewer than one worker.
    public init(name: String, reconciler: any Reconciler, options: ControllerOptions = ControllerOptions(),
                metrics: OperatorMetrics = OperatorMetrics(), clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "kai.controller")) throws(ReconcileConfigurationError) {
        guard !name.isEmpty else {
            throw ReconcileConfigurationError(setting: "controller name", reason: "must not be empty")
        }
        guard options.maxConcurrentReconciles >= 1 else {
            throw ReconcileConfigurationError(setting: "--max-concurrent-reconciles",
                                              reason: "must be at least 1, got \(options.maxConcurrentReconciles)")
        }
        self.name = name
        self.reconciler = reconciler
        maxConcurrentReconciles = options.maxConcurrentReconciles
        self.clock = ElapsedClock(clock)
        var logger = logger
        logger[metadataKey: "controller"] = .string(name)
        self.logger = logger
        self.metrics = ControllerMetrics(metrics, controller: name)
        queue = WorkQueue(clock: clock, rateLimiter: options.rateLimiter, metrics: metrics.workQueue(controller: name),
                          unfinishedWorkSamplingPeriod: options.unfinishedWorkSamplingPeriod)
    }

    /// The caches this controller's event sources read, in the order they were added.
    public var caches: [any SyncedCache] {
        state.withLock { state in state.cacheOrder.compactMap { state.caches[$0] } }
    }

    /// Adds a key to reconcile (what event sources do; also handy for a periodic sweep).
    public func enqueue(_ key: ObjectKey) {
        queue.add(key)
    }

    /// Runs the workers until ``shutDown()`` has let them finish, or the calling task is
    /// cancelled (then reconciles in flight are cancelled too). Call it once, after the caches
    /// have synced.
    public func run() async {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else {
            logger.warning("Controller.run() called twice; the second call returns at once")
            return
        }
        metrics.maxConcurrentReconciles.set(to: Double(maxConcurrentReconciles))
        logger.info("starting workers", metadata: ["workerCount": "\(maxConcurrentReconciles)"])
        await withDiscardingTaskGroup { group in
            for _ in 0..<maxConcurrentReconciles {
                group.addTask { await self.work() }
            }
        }
        // Cancelled rather than shut down: nothing may be added any more either.
        queue.shutDown()
        logger.info("all workers finished")
    }

    /// Stops handing out keys: reconciles in flight finish, queued keys are dropped, then
    /// ``run()`` returns.
    public func shutDown() {
        state.withLock { $0.stopping = true }
        queue.shutDown()
    }

    var isStopping: Bool { state.withLock { $0.stopping } }

    func work() async {
        while let key = await queue.get() {
            if isStopping || Task.isCancelled {
                queue.done(key)
                continue
            }
            await reconcileHandler(key)
            queue.done(key)
        }
    }

    /// One reconcile: context, timing, the requeue policy, metrics and the log line.
    func reconcileHandler(_ key: ObjectKey) async {
        let id = UUID().uuidString.lowercased()
        var logger = self.logger
        logger[metadataKey: "namespace"] = .string(key.namespace ?? "")
        logger[metadataKey: "name"] = .string(key.name)
        logger[metadataKey: "reconcileID"] = .string(id)
        let context = ReconcileContext(controller: name, reconcileID: id, logger: logger,
                                       previousFailures: queue.numRequeues(key))
        metrics.activeWorkers.increment()
        let start = clock.now()
        let result: Result<ReconcileResult, any Error>
        do {
            result = .success(try await reconciler.reconcile(key, context: context))
        } catch {
            result = .failure(error)
        }
        let elapsed = clock.now() - start
        metrics.reconcileTime.record(elapsed)
        metrics.activeWorkers.decrement()
        let outcome = RequeuePolicy.apply(result, for: key, on: queue)
        metrics.count(outcome)
        switch outcome {
        case .success:
            logger.debug("reconcile succeeded", metadata: ["duration": "\(elapsed)"])
        case .requeueAfter(let delay):
            logger.debug("reconcile succeeded, requeued", metadata: ["duration": "\(elapsed)", "requeueAfter": "\(delay)"])
        case .error(let error):
            logger.error("reconciler error", metadata: ["error": "\(error)", "duration": "\(elapsed)"])
        case .terminalError(let error):
            logger.error("reconciler error (terminal, not retried)", metadata: ["error": "\(error)", "duration": "\(elapsed)"])
        }
    }

    /// Remembers a cache an event source reads, so the manager runs and waits for it.
    func register(_ cache: any SyncedCache) {
        let id = ObjectIdentifier(cache)
        state.withLock { state in
            guard state.caches[id] == nil else { return }
            state.caches[id] = cache
            state.cacheOrder.append(id)
        }
    }
}
