/// An error a reconcile cannot recover from by retrying (an invalid spec, a permanent refusal).
///
/// Throw it, or wrap another error in it, to tell the controller not to retry the key: the
/// failure is logged and counted in `controller_runtime_terminal_reconcile_errors_total`, and the
/// key is reconciled again only when one of its watched objects changes.
public struct TerminalError: Error, CustomStringConvertible {
    /// The error that cannot be retried.
    public let underlying: any Error

    /// Marks `underlying` as terminal.
    public init(_ underlying: any Error) {
        self.underlying = underlying
    }

    /// A terminal error with only a message.
    public init(message: String) {
        underlying = Message(text: message)
    }

    public var description: String { "\(underlying)" }

    /// The error of ``init(message:)``.
    struct Message: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }
}
