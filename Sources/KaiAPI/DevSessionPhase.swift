/// `status.phase` of a ``DevSession``.
public enum DevSessionPhase: String, Codable, Sendable, Equatable, CaseIterable {
    /// Accepted, nothing applied yet (or waiting for an old namespace to go away).
    case pending = "Pending"
    /// Children applied, the Deployment is not available yet.
    case deploying = "Deploying"
    /// Every child applied and the Deployment available.
    case running = "Running"
    /// Scaled to zero on `spec.suspend`; storage kept.
    case suspended = "Suspended"
    /// Stopped on an error that needs a change (invalid spec, namespace conflict, duplicate project).
    case failed = "Failed"
    /// Deleted: waiting for the namespace to be gone.
    case terminating = "Terminating"
}
