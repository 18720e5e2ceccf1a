import Foundation
public import KubeTransport

/// Why a kernel API call failed. The description is what `status.kernelError` shows:
/// `"<code> <reason> - <body excerpt>"` for an HTTP answer, the transport's reason otherwise.
public enum KernelAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kernel API answered with a status the call does not accept.
    case http(operation: KernelAPIOperation, code: Int, reason: String, bodyExcerpt: String)
    /// No answer: connection refused, DNS, TLS, timeout, cancellation.
    case transport(operation: KernelAPIOperation, TransportError)
    /// A 2xx answer whose body is not the seed's `KernelResponse`.
    case invalidResponse(operation: KernelAPIOperation, reason: String, bodyExcerpt: String)
    /// The base URL is not an absolute `http(s)://` URL.
    case invalidURL(String)

    /// The HTTP status code, when the kernel API answered.
    public var code: Int? {
        if case .http(_, let code, _, _) = self { return code }
        return nil
    }

    /// True when the failure was the request's timeout.
    public var isTimeout: Bool {
        if case .transport(_, let error) = self { return error.kind == .timeout }
        return false
    }

    public var description: String {
        switch self {
        case .http(_, let code, let reason, let excerpt):
            return excerpt.isEmpty ? "\(code) \(reason)" : "\(code) \(reason) - \(excerpt)"
        case .transport(let operation, let error):
            let cause = error.kind == .timeout ? "timed out" : "failed"
            let detail = error.message.isEmpty || error.message == error.summary ? error.summary : "\(error.summary): \(error.message)"
            return "kernel API \(operation.rawValue) request \(cause): \(detail)"
        case .invalidResponse(let operation, let reason, let excerpt):
            return "kernel API \(operation.rawValue) answer is invalid: \(reason)" + (excerpt.isEmpty ? "" : " - \(excerpt)")
        case .invalidURL(let url):
            return "kernel API URL \"\(url)\" is not an absolute http:// or https:// URL"
        }
    }

    /// The most of a body that goes into an error message: 256 characters of UTF-8 on one line.
    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(1024), as: UTF8.self)
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        let trimmed = oneLine.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 256 ? String(trimmed.prefix(256)) + "…" : trimmed
    }
}
