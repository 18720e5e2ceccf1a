public import KubeReconcile

/// How the DevSession controller runs: the `kai-operator run` flags that concern it.
public struct DevSessionOptions: Sendable {
    /// Workers and retry backoff (`--max-concurrent-reconciles`).
    public var controller: ControllerOptions
    /// How often a deleted DevSession checks again whether its Namespace is gone, besides the
    /// Namespace watch that normally wakes it (a safety net for a missed event).
    public var namespaceRecheckInterval: Duration
    /// The longest a reconcile waits for the next expiry check; the expiry is rechecked at
    /// least this often, so a clock jump or a missed requeue cannot keep a session forever.
    public var maxExpiryRequeue: Duration

    public init(controller: ControllerOptions = ControllerOptions(), namespaceRecheckInterval: Duration = .seconds(30),
                maxExpiryRequeue: Duration = .seconds(6 * 3600)) {
        self.controller = controller
        self.namespaceRecheckInterval = namespaceRecheckInterval
        self.maxExpiryRequeue = maxExpiryRequeue
    }
}
