/// The three calls of the kernel API (seed `000_fc340b8ffffca223.txt`); faults,
/// latency, hangs and counters are kept per operation.
public enum KernelOperation: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `POST /api/kernel/create`
    case create
    /// `GET /api/kernel/info?contextId=`
    case info
    /// `DELETE /api/kernel/release?contextId=`
    case release

    /// The HTTP method of the operation.
    public var method: String {
        switch self {
        case .create: return "POST"
        case .info: return "GET"
        case .release: return "DELETE"
        }
    }

    /// The request path of the operation.
    public var path: String { "/api/kernel/\(rawValue)" }

    /// `METHOD /path`, for logs.
    public var description: String { "\(method) \(path)" }
}
