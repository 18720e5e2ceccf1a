/// How a ``Manager`` serves its endpoints and shuts down.
public struct ManagerOptions: Sendable {
    /// `/metrics` (flag `--metrics-bind-address`, default `:8080`); nil disables it (`0`).
    public var metricsBindAddress: ListenAddress?
    /// `/healthz` and `/readyz` (flag `--health-probe-bind-address`, default `:8081`); nil disables them.
    public var healthProbeBindAddress: ListenAddress?
    /// How long reconciles in flight may take to finish after SIGTERM before they are
    /// cancelled (controller-runtime: 30 s; keep it below the pod's termination grace period).
    public var gracefulShutdownTimeout: Duration
    /// How long to wait for the caches' first list before giving up (controller-runtime: 2 min).
    public var cacheSyncTimeout: Duration
    /// How long the event recorders may take to write their queued events at shutdown.
    public var eventDrainTimeout: Duration

    /// Options; the defaults are controller-runtime's.
    public init(metricsBindAddress: ListenAddress? = ListenAddress(host: "0.0.0.0", port: 8080),
                healthProbeBindAddress: ListenAddress? = ListenAddress(host: "0.0.0.0", port: 8081),
                gracefulShutdownTimeout: Duration = .seconds(30), cacheSyncTimeout: Duration = .seconds(120),
                eventDrainTimeout: Duration = .seconds(5)) {
        self.metricsBindAddress = metricsBindAddress
        self.healthProbeBindAddress = healthProbeBindAddress
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.cacheSyncTimeout = cacheSyncTimeout
        self.eventDrainTimeout = eventDrainTimeout
    }
}
