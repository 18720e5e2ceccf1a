import Foundation

/// How a ``LeaderElector`` competes for its `coordination.k8s.io/v1` Lease.
///
/// The defaults are client-go's (and controller-runtime's): a 15 s lease, renewed every 2 s,
/// given up when it could not be renewed for 10 s. A standby takes over at the earliest 15 s
/// after it last saw the lease change, or at its next retry (≤ 2 s) when the leader released
/// the lease on shutdown.
public struct LeaderElectionConfiguration: Sendable {
    /// The Lease's name (`kai-operator-leader`).
    public var leaseName: String
    /// The Lease's namespace (flag `--leader-election-namespace`, else `POD_NAMESPACE`).
    public var namespace: String
    /// Who this replica is (`holderIdentity`); unique per process.
    public var identity: String
    /// How long a lease stays valid after its last renewal, as seen by the other replicas.
    public var leaseDuration: Duration
    /// How long the leader keeps trying to renew before it gives up leading.
    public var renewDeadline: Duration
    /// How often the leader renews and a standby retries.
    public var retryPeriod: Duration
    /// A standby waits `retryPeriod * (1 + random(0..<jitterFactor))` between attempts
    /// (client-go: 1.2), so that replicas do not retry in lockstep. 0 gives fixed intervals.
    public var jitterFactor: Double
    /// Release the lease when the elector stops while leading, so a standby takes over at
    /// once instead of after ``leaseDuration``.
    public var releaseOnCancel: Bool
    /// `/healthz` fails when the leader has not renewed for `leaseDuration + healthTimeout`
    /// (client-go's `HealthzAdaptor`; kube-controller-manager uses 20 s).
    public var healthTimeout: Duration

    /// A configuration with client-go's timings.
    public init(leaseName: String, namespace: String, identity: String = LeaderElectionConfiguration.defaultIdentity(),
                leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
                retryPeriod: Duration = .seconds(2), jitterFactor: Double = 1.2, releaseOnCancel: Bool = true,
                healthTimeout: Duration = .seconds(20)) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.jitterFactor = jitterFactor
        self.releaseOnCancel = releaseOnCancel
        self.healthTimeout = healthTimeout
    }

    /// `<hostname>_<random uuid>`, as client-go builds it: the pod name says which replica
    /// leads, the uuid keeps a restarted container from being taken for its predecessor.
    public static func defaultIdentity() -> String {
        ProcessInfo.processInfo.hostName + "_" + UUID().uuidString.lowercased()
    }

    /// `spec.leaseDurationSeconds`: whole seconds, rounded up.
    var leaseDurationSeconds: Int64 {
        let (seconds, attoseconds) = leaseDuration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    /// The rules client-go enforces in `NewLeaderElector`.
    func validate() throws(ReconcileConfigurationError) {
        func fail(_ setting: String, _ reason: String) -> ReconcileConfigurationError {
            ReconcileConfigurationError(setting: "leader election \(setting)", reason: reason)
        }
        guard !leaseName.isEmpty else { throw fail("lease name", "must not be empty") }
        guard !namespace.isEmpty else {
            throw fail("namespace", "must not be empty (set --leader-election-namespace or POD_NAMESPACE)")
        }
        guard !identity.isEmpty else { throw fail("identity", "must not be empty") }
        guard leaseDuration >= .seconds(1) else { throw fail("lease duration", "must be at least 1s, got \(leaseDuration)") }
        guard retryPeriod > .zero else { throw fail("retry period", "must be positive, got \(retryPeriod)") }
        guard renewDeadline > .zero else { throw fail("renew deadline", "must be positive, got \(renewDeadline)") }
        guard leaseDuration > renewDeadline else {
            throw fail("lease duration", "must be greater than the renew deadline (\(leaseDuration) <= \(renewDeadline))")
        }
        guard jitterFactor >= 0, jitterFactor.isFinite else { throw fail("jitter factor", "must be a finite number >= 0, got \(jitterFactor)") }
        guard renewDeadline.seconds > max(1, jitterFactor) * retryPeriod.seconds else {
            throw fail("renew deadline", "must be greater than the retry period times the jitter factor (\(renewDeadline) vs \(retryPeriod) x \(max(1, jitterFactor)))")
        }
    }
}
