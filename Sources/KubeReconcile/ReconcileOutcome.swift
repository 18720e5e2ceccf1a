/// How one reconcile ended, as the requeue policy saw it.
public enum ReconcileOutcome: Sendable, Equatable {
    /// Returned ``ReconcileResult/done``: the key's backoff is forgotten.
    case success
    /// Returned ``ReconcileResult/requeueAfter(_:)``: forgotten, then added after the delay.
    case requeueAfter(Duration)
    /// Threw: re-added with per-key backoff.
    case error(any Error)
    /// Threw a ``TerminalError``: forgotten and counted, not retried.
    case terminalError(TerminalError)

    /// The `result` label of `controller_runtime_reconcile_total`, as controller-runtime names it
    /// (a terminal error counts as `error` there, and also in its own counter).
    public var resultLabel: String {
        switch self {
        case .success: return "success"
        case .requeueAfter: return "requeue_after"
        case .error, .terminalError: return "error"
        }
    }

    /// Errors compare by their description (errors are not `Equatable`).
    public static func == (lhs: ReconcileOutcome, rhs: ReconcileOutcome) -> Bool {
        switch (lhs, rhs) {
        case (.success, .success): return true
        case (.requeueAfter(let a), .requeueAfter(let b)): return a == b
        case (.error(let a), .error(let b)): return "\(a)" == "\(b)"
        case (.terminalError(let a), .terminalError(let b)): return "\(a)" == "\(b)"
        default: return false
        }
    }
}
