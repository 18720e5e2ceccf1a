/// What the test server pretends the missing controllers and kubelets do.
/// Delays run on the server's injected clock, so tests drive them.
public struct WorkloadSimulation: Sendable {
    /// How long a Deployment takes to become available after a spec change.
    public var deploymentReadyDelay: Duration
    /// How long a PersistentVolumeClaim stays Pending before it is Bound.
    public var volumeBindDelay: Duration

    public init(deploymentReadyDelay: Duration = .seconds(2), volumeBindDelay: Duration = .seconds(1)) {
        self.deploymentReadyDelay = deploymentReadyDelay
        self.volumeBindDelay = volumeBindDelay
    }
}
