/// Why a ``Manager`` stopped with an error.
public enum ManagerError: Error, Equatable, CustomStringConvertible {
    /// These caches did not finish their first list within the cache sync timeout
    /// (missing RBAC, a CRD not installed, an unreachable API server).
    case cacheSyncTimeout(unsynced: [String], timeout: Duration)
    /// ``Manager/run()`` was called a second time.
    case alreadyStarted

    public var description: String {
        switch self {
        case .cacheSyncTimeout(let unsynced, let timeout):
            return "timed out after \(timeout) waiting for caches to sync: \(unsynced.joined(separator: ", "))"
        case .alreadyStarted:
            return "the manager was already started"
        }
    }
}
