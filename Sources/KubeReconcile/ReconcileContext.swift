public import Logging

/// What a reconcile gets besides its key: who is calling and a logger that says so.
public struct ReconcileContext: Sendable {
    /// The controller's name (`channel`, `devsession`, ...).
    public let controller: String
    /// A fresh id for this one reconcile, also in every line of ``logger``.
    public let reconcileID: String
    /// Carries `controller`, `namespace`, `name` and `reconcileID` metadata: log through it so
    /// every line of a reconcile can be found together.
    public let logger: Logger
    /// How many times in a row this key has failed before this attempt (0 on a first try or
    /// after a success): lets a reconciler give up and report `Stalled` after enough retries.
    public let previousFailures: Int

    /// A context; the controller makes one per reconcile.
    public init(controller: String, reconcileID: String, logger: Logger, previousFailures: Int = 0) {
        self.controller = controller
        self.reconcileID = reconcileID
        self.logger = logger
        self.previousFailures = previousFailures
    }
}
