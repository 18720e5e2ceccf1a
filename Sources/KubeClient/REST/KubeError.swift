public import KubeTransport

/// Every way a Kubernetes API call can fail.
public enum KubeError: Error, Sendable, CustomStringConvertible {
    /// The API server answered with an error status (decoded from its `Status` body when there is one).
    case api(APIError)
    /// The request never got an HTTP answer (connection, TLS, timeout, cancellation).
    case transport(TransportError)
    /// The answer could not be decoded; names the URL and the JSON path.
    case decoding(url: String, path: String, message: String)
    /// The connection configuration (kubeconfig, in-cluster files, exec plugin) is unusable.
    case configuration(String)
    /// An `ERROR` event or a broken line in a watch stream.
    case watch(String)
    /// A resource could not be found by discovery.
    case unknownResource(String)

    public var description: String {
        switch self {
        case .api(let e): return e.description
        case .transport(let e): return e.description
        case .decoding(let url, let path, let message):
            return "cannot decode the response of \(url) at \(path.isEmpty ? "<root>" : path): \(message)"
        case .configuration(let m): return m
        case .watch(let m): return "watch: \(m)"
        case .unknownResource(let m): return m
        }
    }

    /// The API error, when the server answered.
    public var apiError: APIError? { if case .api(let e) = self { return e } else { return nil } }
    public var isNotFound: Bool { apiError?.reason == .notFound }
    public var isAlreadyExists: Bool { apiError?.reason == .alreadyExists }
    public var isConflict: Bool { apiError?.reason == .conflict }
    public var isInvalid: Bool { apiError?.reason == .invalid }
    public var isForbidden: Bool { apiError?.reason == .forbidden }
    public var isUnauthorized: Bool { apiError?.reason == .unauthorized }
    /// 410: the resourceVersion is too old (relist) or a continue token expired.
    public var isGone: Bool { apiError?.reason == .gone }
    public var isTooManyRequests: Bool { apiError?.reason == .tooManyRequests }
}

/// An error status from the API server.
public struct APIError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The typed reason, from the HTTP code and `Status.reason`.
    public enum Reason: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, notAcceptable
        case alreadyExists, conflict, gone, invalid, unsupportedMediaType, requestEntityTooLarge
        case tooManyRequests, internalError, serviceUnavailable, serverTimeout, timeout
        case other(Int)
    }

    public var reason: Reason
    public var code: Int
    public var method: String
    public var url: String
    /// The decoded `Status`, or nil when the body was not one (plain-text 404s).
    public var status: Status?
    /// The message of the `Status`, or a body excerpt.
    public var message: String
    /// From the `Retry-After` header or `details.retryAfterSeconds`.
    public var retryAfterSeconds: Int?

    /// Field causes of a 422 Invalid.
    public var causes: [StatusCause] { status?.details?.causes ?? [] }

    public var description: String {
        "\(method) \(url): \(code) \(status?.reason ?? String(describing: reason)): \(message)"
    }

    public init(code: Int, method: String, url: String, status: Status?, body: [UInt8], retryAfter: Int?) {
        self.code = code
        self.method = method
        self.url = url
        self.status = status
        self.retryAfterSeconds = retryAfter ?? status?.details?.retryAfterSeconds
        if let message = status?.message, !message.isEmpty {
            self.message = message
        } else {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            self.message = text.isEmpty ? "(empty body)" : text
        }
        self.reason = APIError.reason(code: code, statusReason: status?.reason)
    }

    static func reason(code: Int, statusReason: String?) -> Reason {
        switch statusReason {
        case "NotFound": return .notFound
        case "AlreadyExists": return .alreadyExists
        case "Conflict": return .conflict
        case "Invalid": return .invalid
        case "Forbidden": return .forbidden
        case "Unauthorized": return .unauthorized
        case "Gone", "Expired": return .gone
        case "TooManyRequests": return .tooManyRequests
        case "ServerTimeout": return .serverTimeout
        case "Timeout": return .timeout
        case "InternalError": return .internalError
        case "ServiceUnavailable": return .serviceUnavailable
        case "BadRequest": return .badRequest
        case "MethodNotAllowed": return .methodNotAllowed
        case "NotAcceptable": return .notAcceptable
        case "UnsupportedMediaType": return .unsupportedMediaType
        case "RequestEntityTooLarge": return .requestEntityTooLarge
        default: break
        }
        switch code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 406: return .notAcceptable
        case 409: return .conflict
        case 410: return .gone
        case 413: return .requestEntityTooLarge
        case 415: return .unsupportedMediaType
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500: return .internalError
        case 503: return .serviceUnavailable
        case 504: return .timeout
        default: return .other(code)
        }
    }
}

import Foundation
