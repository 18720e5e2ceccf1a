public import Logging
import Hummingbird
import KubeCache
import KubeQueue
public import ServiceLifecycle
import Synchronization

/// Runs the caches, controllers, event recorders and HTTP endpoints of the operator as one
/// swift-service-lifecycle `Service`: controller-runtime's manager.
///
/// ```swift
/// let manager = Manager(options: options, leaderElector: elector, metrics: metrics)
/// manager.add(channelController)
/// manager.add(recorder)
/// try await manager.runUntilSignalled()       // SIGTERM / SIGINT: graceful shutdown
/// ```
///
/// ## Order of events
/// 1. The metrics (`/metrics`) and probe (`/healthz`, `/readyz`) endpoints start listening;
///    a bind failure ends ``run()`` at once with an error naming the address.
/// 2. Every cache the controllers read (and those added with ``add(cache:)``) starts; the
///    event recorders start.
/// 3. Once every cache has synced (within ``ManagerOptions/cacheSyncTimeout``), `/readyz`
///    reports the caches synced, and the controllers start: at once without leader election,
///    otherwise when this replica acquires the lease. Standbys keep their caches warm.
/// 4. On graceful shutdown (a signal, the service group, or ``shutDown()``): `/readyz` fails,
///    the controllers stop taking keys, reconciles in flight get
///    ``ManagerOptions/gracefulShutdownTimeout`` to finish and are then cancelled, the lease
///    is released (a standby takes over at its next retry), the event recorders write what
///    they hold (within ``ManagerOptions/eventDrainTimeout``), then caches, recorders and
///    endpoints stop and ``run()`` returns.
///
/// ## Errors
/// ``run()`` throws ``LeaderElectionError/leadershipLost(lease:identity:)`` when the lease
/// could not be renewed: the controllers were cancelled at once, and the process should exit
/// (a fresh start rebuilds every queue), as controller-runtime does. It throws
/// ``ManagerError/cacheSyncTimeout(unsynced:timeout:)`` when a cache never synced.
public final class Manager: Service, Sendable {
    /// Endpoints and timeouts.
    public let options: ManagerOptions
    /// The metrics `/metrics` serves.
    public let metrics: OperatorMetrics
    /// The `/healthz` and `/readyz` checks.
    public let probes: HealthProbes
    /// The elector; nil runs the controllers without leader election.
    public let leaderElector: LeaderElector?
    let clock: ElapsedClock
    let logger: Logger
    let shutdownSignal = SyncSignal()
    let state = Mutex(State())

    struct State {
        var controllers: [Controller] = []
        var caches: [ObjectIdentifier: any SyncedCache] = [:]
        var cacheOrder: [ObjectIdentifier] = []
        var recorders: [EventRecorder] = []
        var endpoints: [String: HTTPEndpoint] = [:]
        var started = false
        var controllersStarted = false
        var leaderTask: Task<Void, any Error>?
    }

    /// A manager with nothing to run yet.
    /// - Parameters:
    ///   - leaderElector: competes for the lease before the controllers start; nil: no leader election.
    ///   - clock: times the graceful-shutdown deadline and the cache sync timeout.
    public init(options: ManagerOptions = ManagerOptions(), leaderElector: LeaderElector? = nil,
                metrics: OperatorMetrics = OperatorMetrics(), clock: any Clock<Duration> = ContinuousClock(),
                logger: Logger = Logger(label: "kai.manager")) {
        self.options = options
        self.leaderElector = leaderElector
        self.metrics = metrics
        self.clock = ElapsedClock(clock)
        self.logger = logger
        probes = HealthProbes(leaderElector: leaderElector)
    }

    /// Adds a controller and the caches its event sources read.
    public func add(_ controller: Controller) {
        state.withLock { $0.controllers.append(controller) }
    }

    /// Adds a cache that must sync before the controllers start (one reconcilers read but
    /// that triggers nothing).
    public func add(cache: any SyncedCache) {
        state.withLock { Self.insert(cache, into: &$0) }
    }

    /// Adds an event recorder; the manager runs it.
    public func add(_ recorder: EventRecorder) {
        state.withLock { $0.recorders.append(recorder) }
    }

    /// The port `/metrics` listens on, once running.
    public var metricsPort: Int? { state.withLock { $0.endpoints["metrics"] }?.port }

    /// The port `/healthz` and `/readyz` listen on, once running.
    public var healthProbePort: Int? { state.withLock { $0.endpoints["health probe"] }?.port }

    /// Begins a graceful shutdown (what SIGTERM does under ``runUntilSignalled()``).
    public func shutDown() {
        shutdownSignal.set()
        probes.markShuttingDown()
        let (controllers, standbyTask) = state.withLock { state in
            (state.controllers, state.controllersStarted ? nil : state.leaderTask)
        }
        for controller in controllers { controller.shutDown() }
        // A standby has nothing to drain: stop competing for the lease.
        standbyTask?.cancel()
    }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully.
    public func runUntilSignalled() async throws {
        try await serviceGroup().run()
    }

    /// A service group running this manager alone; with `handlingSignals`, SIGTERM and SIGINT
    /// trigger its graceful shutdown (add other services to a group of your own instead).
    public func serviceGroup(handlingSignals: Bool = true) -> ServiceGroup {
        ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [self], gracefulShutdownSignals: handlingSignals ? [.sigterm, .sigint] : [], cancellationSignals: [],
            logger: logger))
    }

    /// Runs everything until graceful shutdown (see the type's documentation); call it once.
    public func run() async throws {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { throw ManagerError.alreadyStarted }
        try await withGracefulShutdownHandler {
            try await runAll()
        } onGracefulShutdown: {
            self.logger.info("graceful shutdown requested")
            self.shutDown()
        }
    }

    // MARK: - Internals

    static func insert(_ cache: any SyncedCache, into state: inout State) {
        let id = ObjectIdentifier(cache)
        guard state.caches[id] == nil else { return }
        state.caches[id] = cache
        state.cacheOrder.append(id)
    }

    /// Every cache: those added directly and those of the controllers.
    var caches: [any SyncedCache] {
        state.withLock { state in
            for controller in state.controllers {
                for cache in controller.caches { Self.insert(cache, into: &state) }
            }
            return state.cacheOrder.compactMap { state.caches[$0] }
        }
    }

    func runAll() async throws {
        let endpoints = try await startEndpoints()
        let caches = self.caches
        let recorders = state.withLock { $0.recorders }
        var failure: (any Error)?
        await withDiscardingTaskGroup { group in
            for cache in caches { group.addTask { await cache.run() } }
            for recorder in recorders { group.addTask { await recorder.run() } }
            do {
                try await runControllersWhenReady(caches)
            } catch {
                failure = error
            }
            // The last events of the reconciles that just finished ("kernel released") go out
            // before the recorders stop.
            for recorder in recorders { await recorder.drain(timeout: options.eventDrainTimeout) }
            group.cancelAll()
        }
        for endpoint in endpoints { await endpoint.stop() }
        if let failure {
            logger.error("manager stopped", metadata: ["error": "\(failure)"])
            throw failure
        }
        logger.info("manager stopped")
    }

    func startEndpoints() async throws -> [HTTPEndpoint] {
        var endpoints: [HTTPEndpoint] = []
        if let address = options.metricsBindAddress {
            let metrics = self.metrics
            endpoints.append(HTTPEndpoint(name: "metrics", setting: "--metrics-bind-address", address: address, logger: logger) { router in
                router.get("metrics") { _, _ in
                    Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                             body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
                }
            })
        }
        if let address = options.healthProbeBindAddress {
            let probes = self.probes
            endpoints.append(HTTPEndpoint(name: "health probe", setting: "--health-probe-bind-address", address: address, logger: logger) { router in
                probes.addRoutes(to: router)
            })
        }
        var started: [HTTPEndpoint] = []
        do {
            for endpoint in endpoints {
                try await endpoint.start()
                started.append(endpoint)
                state.withLock { $0.endpoints[endpoint.name] = endpoint }
            }
        } catch {
            for endpoint in started { await endpoint.stop() }
            throw error
        }
        return started
    }

    func runControllersWhenReady(_ caches: [any SyncedCache]) async throws {
        guard try await waitForCaches(caches) else { return }
        probes.markCachesSynced()
        logger.info("caches synced", metadata: ["caches": "\(caches.count)"])
        guard let elector = leaderElector else {
            await runControllers()
            return
        }
        let task = Task { try await elector.run(whileLeading: { await self.runControllers() }) }
        let standbyCancelled = state.withLock { state in
            state.leaderTask = task
            return shutdownSignal.isSet && !state.controllersStarted
        }
        if standbyCancelled { task.cancel() }
        do {
            try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch is CancellationError where shutdownSignal.isSet {
            logger.info("shut down while standing by for the lease")
        }
    }

    enum SyncOutcome: Sendable { case synced, timedOut, shutdown, cancelled }

    /// True once every cache synced; false when shutdown began first.
    func waitForCaches(_ caches: [any SyncedCache]) async throws -> Bool {
        let timeout = options.cacheSyncTimeout
        let outcome = await withTaskGroup(of: SyncOutcome.self) { group in
            group.addTask {
                for cache in caches {
                    guard await cache.waitForSync() else { return .cancelled }
                }
                return .synced
            }
            group.addTask {
                do { try await self.clock.sleep(for: timeout) } catch { return .cancelled }
                return .timedOut
            }
            group.addTask { await self.shutdownSignal.wait() ? .shutdown : .cancelled }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        switch outcome {
        case .synced: return true
        case .shutdown: return false
        case .cancelled: throw CancellationError()
        case .timedOut:
            throw ManagerError.cacheSyncTimeout(unsynced: caches.filter { !$0.hasSynced }.map(\.cacheDescription), timeout: timeout)
        }
    }

    /// Runs every controller until they have drained after shutdown, cancelling them when the
    /// graceful shutdown deadline passes or the calling task (the leader's work) is cancelled.
    func runControllers() async {
        let controllers = state.withLock { state -> [Controller] in
            state.controllersStarted = true
            return state.controllers
        }
        guard !shutdownSignal.isSet else { return }
        guard !controllers.isEmpty else {
            _ = await shutdownSignal.wait()
            return
        }
        let timeout = options.gracefulShutdownTimeout
        logger.info("starting controllers", metadata: ["controllers": "\(controllers.map(\.name).joined(separator: ","))"])
        await withTaskGroup(of: Bool.self) { group in
            for controller in controllers {
                group.addTask {
                    await controller.run()
                    return true
                }
            }
            group.addTask {
                guard await self.shutdownSignal.wait() else { return false }
                do { try await self.clock.sleep(for: timeout) } catch { return false }
                self.logger.warning("graceful shutdown timeout passed; cancelling the reconciles still running",
                                    metadata: ["timeout": "\(timeout)"])
                return false
            }
            var running = controllers.count
            while let finished = await group.next() {
                if finished {
                    running -= 1
                    if running == 0 { group.cancelAll() }
                } else {
                    group.cancelAll()
                }
            }
        }
        logger.info("controllers stopped")
    }
}
