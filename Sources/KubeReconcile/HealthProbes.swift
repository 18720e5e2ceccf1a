import Hummingbird
import Synchronization

/// The `/healthz` (liveness) and `/readyz` (readiness) checks of the manager.
///
/// - `/healthz` fails only when the process should be restarted: a leader that has not
///   renewed its lease for `leaseDuration + healthTimeout` (wedged), or a failing custom check.
/// - `/readyz` passes once the caches have synced and, with leader election, the replica
///   leads or is a healthy standby (it heard from the API server within the lease duration);
///   it fails again while shutting down.
public final class HealthProbes: Sendable {
    /// A named check: nil when healthy, otherwise the reason.
    public typealias Check = @Sendable () -> String?

    let elector: LeaderElector?
    let state = Mutex(State())

    struct State {
        var cachesSynced = false
        var shuttingDown = false
        var readinessChecks: [(String, Check)] = []
        var livenessChecks: [(String, Check)] = []
    }

    /// Probes for a manager with `elector` (nil without leader election).
    public init(leaderElector elector: LeaderElector? = nil) {
        self.elector = elector
    }

    /// Adds a readiness check (for example, "the webhook server listens").
    public func addReadinessCheck(_ name: String, _ check: @escaping Check) {
        state.withLock { $0.readinessChecks.append((name, check)) }
    }

    /// Adds a liveness check; failing it gets the container restarted, so keep it strict.
    public func addLivenessCheck(_ name: String, _ check: @escaping Check) {
        state.withLock { $0.livenessChecks.append((name, check)) }
    }

    /// Whether the manager may be restarted by the kubelet.
    public func liveness() -> ProbeReport {
        let custom = state.withLock { $0.livenessChecks }
        var checks = [ProbeReport.Check(name: "ping", failure: nil)]
        if let elector {
            checks.append(.init(name: "leader-election",
                                failure: elector.isLive ? nil : "failed to renew leadership on lease \(elector.configuration.leaseName)"))
        }
        checks += custom.map { ProbeReport.Check(name: $0.0, failure: $0.1()) }
        return ProbeReport(checks: checks)
    }

    /// Whether the manager is ready.
    public func readiness() -> ProbeReport {
        let (synced, shuttingDown, custom) = state.withLock { ($0.cachesSynced, $0.shuttingDown, $0.readinessChecks) }
        var checks = [ProbeReport.Check(name: "informer-sync", failure: synced ? nil : "caches have not synced yet")]
        if let elector {
            let failure: String?
            switch elector.status {
            case .leading: failure = nil
            case .standby: failure = elector.isHealthy ? nil : "standby has not reached the API server within the lease duration"
            case .inactive: failure = "not taking part in leader election"
            }
            checks.append(.init(name: "leader-election", failure: failure))
        }
        checks.append(.init(name: "shutdown", failure: shuttingDown ? "shutting down" : nil))
        checks += custom.map { ProbeReport.Check(name: $0.0, failure: $0.1()) }
        return ProbeReport(checks: checks)
    }

    func markCachesSynced() { state.withLock { $0.cachesSynced = true } }
    func markShuttingDown() { state.withLock { $0.shuttingDown = true } }

    /// `GET /healthz` and `GET /readyz`: 200 `ok`, or 500 with the failed checks.
    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in Self.response(self.liveness(), probe: "healthz") }
        router.get("readyz") { _, _ in Self.response(self.readiness(), probe: "readyz") }
    }

    static func response(_ report: ProbeReport, probe: String) -> Response {
        Response(status: report.isHealthy ? .ok : .internalServerError,
                 headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: report.text(probe: probe))))
    }
}
