/// Errors raised by the stand-in servers' lifecycle (never by the HTTP answers they give,
/// which are always a status code and a body).
public enum StandInError: Error, Equatable, CustomStringConvertible {
    /// `start` was called on a stand-in that is already running or starting.
    case alreadyRunning(name: String)
    /// The HTTP server could not bind or stopped before it was listening.
    case startFailed(name: String, address: String, reason: String)
    /// A control call got a value it cannot use (a status code outside 100...599,
    /// a probability outside 0...1, a negative count, ...); the text names the parameter.
    case invalidArgument(String)
    /// The stand-in was stopped while a caller was waiting on it.
    case stopped(name: String)

    /// A sentence saying what went wrong.
    public var description: String {
        switch self {
        case .alreadyRunning(let name):
            return "\(name) is already running; call stop() before starting it again"
        case .startFailed(let name, let address, let reason):
            return "\(name) could not start on \(address): \(reason)"
        case .invalidArgument(let message):
            return "invalid argument: \(message)"
        case .stopped(let name):
            return "\(name) was stopped while waiting"
        }
    }
}
