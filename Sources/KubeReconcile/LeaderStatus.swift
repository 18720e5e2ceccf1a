/// Where a replica stands in the leader election.
public enum LeaderStatus: Sendable, Equatable {
    /// Not competing (not started, or stopped).
    case inactive
    /// Competing and waiting for the lease.
    case standby
    /// Holding the lease: the controllers run here.
    case leading
}
