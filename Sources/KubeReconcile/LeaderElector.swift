public import Foundation
import JSON
public import KubeClient
import KubeQueue
public import Logging
import Prometheus
import Synchronization

/// Leader election with a `coordination.k8s.io/v1` Lease, as client-go's `leaderelection`
/// package does it, so that only one replica reconciles at a time.
///
/// ```swift
/// let elector = try LeaderElector(client: client, configuration: .init(leaseName: "kai-operator-leader", namespace: ns))
/// try await elector.run(whileLeading: { await runControllers() })
/// ```
///
/// ## Guarantees
/// - The lease is taken only when it is free: never held, released (empty holder), or not
///   changed for `leaseDurationSeconds` as measured on *this* replica's clock since it last
///   saw it change. Remote timestamps are never compared with local time, so clock skew
///   between nodes does not matter.
/// - Every write is a compare-and-swap on the Lease's resourceVersion: of two candidates one
///   wins, the other gets a 409 and stays standby.
/// - A leader that cannot renew within ``LeaderElectionConfiguration/renewDeadline`` (the API
///   server is unreachable, another replica took the lease) cancels the work at once and
///   ``run(whileLeading:)`` throws ``LeaderElectionError/leadershipLost(lease:identity:)``. A
///   renewal that hangs is abandoned at the deadline too.
/// - When the work returns (graceful shutdown) or the task is cancelled, the lease is released
///   (empty holder, 1 s duration) so that a standby takes over at its next retry.
/// - `acquireTime` and `renewTime` are MicroTime with exactly six fractional digits, which the
///   API server requires.
///
/// ## Caveats
/// Time-dependent decisions use the injected clock; only the timestamps written into the
/// Lease use the injected wall time.
public final class LeaderElector: Sendable {
    /// The lease, identity and timings.
    public let configuration: LeaderElectionConfiguration
    let client: KubeClient
    let clock: ElapsedClock
    let now: @Sendable () -> Date
    let logger: Logger
    let masterStatus: Gauge
    let state = Mutex(State())

    struct State {
        var status: LeaderStatus = .inactive
        /// The last record seen, the Lease it came from (for its resourceVersion) and when it
        /// was first seen in this form.
        var observedRecord: LeaderElectionRecord?
        var observedLease: JSONValue?
        var observedTime: Duration?
        /// The last time the API server answered at all (even 404 or 409).
        var lastContact: Duration?
        var running = false
        var observer: (@Sendable (ElectorEvent) -> Void)?
    }

    /// What the elector did, for tests that step a manual clock.
    enum ElectorEvent: Sendable, Equatable {
        case attempted(succeeded: Bool)
        case startedLeading
        case stoppedLeading
        case released
    }

    /// An elector that is not competing yet.
    /// - Parameters:
    ///   - metrics: where `leader_election_master_status{name}` goes.
    ///   - clock: times renewals, retries and expiry (tests pass a manual clock).
    ///   - now: wall time for the Lease's `acquireTime` / `renewTime`.
    /// - Throws: ``ReconcileConfigurationError`` for timings client-go would refuse.
    public init(client: KubeClient, configuration: LeaderElectionConfiguration, metrics: OperatorMetrics = OperatorMetrics(),
                clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "kai.leader-election")) throws(ReconcileConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.client = client
        self.clock = ElapsedClock(clock)
        self.now = now
        var logger = logger
        logger[metadataKey: "lease"] = .string("\(configuration.namespace)/\(configuration.leaseName)")
        logger[metadataKey: "identity"] = .string(configuration.identity)
        self.logger = logger
        masterStatus = metrics.leaderStatus(lease: configuration.leaseName)
        masterStatus.set(to: 0)
    }

    /// Where this replica stands.
    public var status: LeaderStatus { state.withLock { $0.status } }

    /// True while this replica holds the lease.
    public var isLeader: Bool { status == .leading }

    /// The identity holding the lease as last seen (nil before the first read).
    public var observedHolder: String? { state.withLock { $0.observedRecord?.holderIdentity } }

    /// For `/readyz`: leading, or a standby that heard from the API server within the lease
    /// duration (so it can take over when needed).
    public var isHealthy: Bool {
        let now = clock.now()
        return state.withLock { state in
            switch state.status {
            case .leading: return true
            case .standby:
                guard let contact = state.lastContact else { return false }
                return now - contact <= configuration.leaseDuration
            case .inactive: return false
            }
        }
    }

    /// For `/healthz`: false when this replica believes it leads but has not renewed for
    /// `leaseDuration + healthTimeout` (a wedged leader that should be restarted).
    public var isLive: Bool {
        let now = clock.now()
        return state.withLock { state in
            guard state.status == .leading, let observed = state.observedTime else { return true }
            return now - observed <= configuration.leaseDuration + configuration.healthTimeout
        }
    }

    /// Waits for the lease, then runs `body` while renewing it.
    ///
    /// - Returns: what `body` returned, after the lease was released.
    /// - Throws: `CancellationError` when cancelled before leading;
    ///   ``LeaderElectionError/leadershipLost(lease:identity:)`` when renewal failed (`body` was
    ///   cancelled); whatever `body` threw otherwise (after releasing).
    public func run<T: Sendable>(whileLeading body: @escaping @Sendable () async throws -> T) async throws -> T {
        let first = state.withLock { state in
            defer { state.running = true }
            return !state.running
        }
        guard first else {
            throw ReconcileConfigurationError(setting: "leader election", reason: "LeaderElector.run may be called only once")
        }
        setStatus(.standby)
        do {
            try await acquire()
        } catch {
            setStatus(.inactive)
            throw error
        }
        setStatus(.leading)
        logger.info("acquired the lease; leading")
        emit(.startedLeading)

        let (outcome, lost) = await withTaskGroup(of: Step<T>.self) { group -> (Result<T, any Error>, Bool) in
            group.addTask {
                do { return .finished(.success(try await body())) } catch { return .finished(.failure(error)) }
            }
            group.addTask { await self.renewLoop() }
            var result: Result<T, any Error>?
            var lost = false
            while let step = await group.next() {
                switch step {
                case .finished(let r):
                    result = r
                    group.cancelAll()
                case .lost:
                    lost = true
                    // Stop at once: another replica may already be leading. The work is
                    // cancelled and this replica no longer reports itself as the leader.
                    setStatus(.inactive)
                    group.cancelAll()
                case .cancelled:
                    break
                }
            }
            if lost {
                return (.failure(LeaderElectionError.leadershipLost(lease: configuration.leaseName, identity: configuration.identity)), true)
            }
            return (result ?? .failure(CancellationError()), false)
        }

        if !lost, configuration.releaseOnCancel {
            // An unstructured task does not inherit cancellation, so the release goes out even
            // when the caller was cancelled.
            await Task { await self.release() }.value
        }
        setStatus(.inactive)
        emit(.stoppedLeading)
        if lost { logger.error("lost the lease; stopped leading") } else { logger.info("stopped leading") }
        return try outcome.get()
    }

    // MARK: - Internals

    func setStatus(_ status: LeaderStatus) {
        state.withLock { $0.status = status }
        masterStatus.set(to: status == .leading ? 1 : 0)
    }

    func emit(_ event: ElectorEvent) {
        state.withLock { $0.observer }?(event)
    }

    /// Registers a hook that sees every attempt and transition (tests).
    func observe(_ observer: @escaping @Sendable (ElectorEvent) -> Void) {
        state.withLock { $0.observer = observer }
    }

    /// Tries until the lease is ours; throws `CancellationError` when cancelled.
    func acquire() async throws {
        logger.info("attempting to acquire the lease")
        while true {
            try Task.checkCancellation()
            let acquired = await tryAcquireOrRenew()
            emit(.attempted(succeeded: acquired))
            if acquired { return }
            try await clock.sleep(for: jittered(configuration.retryPeriod))
        }
    }

    /// Renews every retry period; returns `.lost` once a renewal did not succeed within the
    /// renew deadline, `.cancelled` when cancelled.
    func renewLoop<T>() async -> Step<T> {
        while true {
            do { try await clock.sleep(for: configuration.retryPeriod) } catch { return .cancelled }
            let deadline = clock.now() + configuration.renewDeadline
            while true {
                let renewed = await attempt(until: deadline)
                if Task.isCancelled { return .cancelled }
                emit(.attempted(succeeded: renewed))
                if renewed { break }
                if clock.now() >= deadline { return .lost }
                do { try await clock.sleep(min(clock.now() + configuration.retryPeriod, deadline)) } catch { return .cancelled }
                if clock.now() >= deadline { return .lost }
            }
        }
    }

    /// How one of the two tasks of the leading phase ended.
    enum Step<T: Sendable>: Sendable { case finished(Result<T, any Error>), lost, cancelled }

    /// One renewal, abandoned (as failed) when `deadline` passes first.
    func attempt(until deadline: Duration) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await self.tryAcquireOrRenew() }
            group.addTask {
                try? await self.clock.sleep(deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }

    /// client-go's `tryAcquireOrRenew`: read the Lease, take it if it is free or ours, write it
    /// back with a resourceVersion precondition.
    func tryAcquireOrRenew() async -> Bool {
        let config = configuration
        let stamp = Timestamp.formatMicro(now())
        var desired = LeaderElectionRecord(holderIdentity: config.identity, leaseDurationSeconds: config.leaseDurationSeconds,
                                           acquireTime: stamp, renewTime: stamp, leaseTransitions: 0)
        let lease: JSONValue
        do {
            lease = try await client.get(.leases, name: config.leaseName, namespace: config.namespace)
            contact()
        } catch let error where error.isNotFound {
            contact()
            do {
                let created = try await client.create(.leases, desired.lease(name: config.leaseName, namespace: config.namespace),
                                                      namespace: config.namespace)
                contact()
                remember(created)
                return true
            } catch {
                failed(error, "cannot create the lease")
                return false
            }
        } catch {
            failed(error, "cannot read the lease")
            return false
        }

        let current = LeaderElectionRecord(lease: lease)
        let now = clock.now()
        let observedTime = state.withLock { state -> Duration in
            if state.observedRecord != current || state.observedTime == nil {
                state.observedRecord = current
                state.observedTime = now
            }
            state.observedLease = lease
            return state.observedTime ?? now
        }
        let holder = current.holderIdentity ?? ""
        let duration = Duration.seconds(current.leaseDurationSeconds ?? config.leaseDurationSeconds)
        if !holder.isEmpty, holder != config.identity, observedTime + duration > now {
            return false
        }
        if holder == config.identity {
            desired.acquireTime = current.acquireTime ?? stamp
            desired.leaseTransitions = current.leaseTransitions ?? 0
        } else {
            desired.leaseTransitions = (current.leaseTransitions ?? 0) + 1
        }
        var updated = lease
        desired.apply(to: &updated)
        do {
            let written = try await client.update(.leases, updated)
            contact()
            remember(written)
            return true
        } catch {
            failed(error, holder == config.identity ? "cannot renew the lease" : "cannot take over the lease")
            return false
        }
    }

    /// Gives the lease up: empty holder and a 1 s duration, so a standby takes it at once.
    func release() async {
        guard let (lease, record) = state.withLock({ state -> (JSONValue, LeaderElectionRecord)? in
            guard let lease = state.observedLease, let record = state.observedRecord,
                  record.holderIdentity == configuration.identity else { return nil }
            return (lease, record)
        }) else { return }
        let stamp = Timestamp.formatMicro(now())
        let released = LeaderElectionRecord(holderIdentity: "", leaseDurationSeconds: 1, acquireTime: stamp, renewTime: stamp,
                                            leaseTransitions: record.leaseTransitions)
        var updated = lease
        released.apply(to: &updated)
        do {
            let written = try await client.update(.leases, updated)
            remember(written)
            logger.info("released the lease")
            emit(.released)
        } catch {
            logger.warning("cannot release the lease; standbys take over when it expires", metadata: ["error": "\(error)"])
        }
    }

    func contact() {
        let now = clock.now()
        state.withLock { $0.lastContact = now }
    }

    func failed(_ error: KubeError, _ what: String) {
        // Any answer from the server (409, 403...) still proves it is reachable.
        if error.apiError != nil { contact() }
        if error.isConflict {
            logger.debug("\(what): another replica wrote it first")
        } else {
            logger.warning("\(what)", metadata: ["error": "\(error)"])
        }
    }

    /// Records a Lease this replica just wrote: its record is the one observed, as of now.
    func remember(_ lease: JSONValue) {
        let now = clock.now()
        state.withLock { state in
            state.observedLease = lease
            state.observedRecord = LeaderElectionRecord(lease: lease)
            state.observedTime = now
        }
    }

    /// `period * (1 + random(0..<jitterFactor))`, as `wait.JitterUntil`.
    func jittered(_ period: Duration) -> Duration {
        guard configuration.jitterFactor > 0 else { return period }
        return period + period * Double.random(in: 0..<configuration.jitterFactor)
    }
}
