/// Why a ``LeaderElector`` stopped leading against its will.
public enum LeaderElectionError: Error, Equatable, CustomStringConvertible {
    /// The lease could not be renewed within the renew deadline (or another replica took it):
    /// the work done while leading was cancelled at once.
    case leadershipLost(lease: String, identity: String)

    public var description: String {
        switch self {
        case .leadershipLost(let lease, let identity):
            return "leader election lost: \(identity) could not renew lease \(lease) within the renew deadline"
        }
    }
}
