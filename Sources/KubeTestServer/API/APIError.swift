import JSON

/// A failed request, rendered as the API server renders it: a `Status`
/// object (or, for unknown paths, the plain-text `404 page not found`).
struct APIError: Error, Sendable {
    struct Cause: Sendable {
        var reason: String
        var message: String
        var field: String?
    }

    var code: Int
    var reason: String
    var message: String
    /// `details` members in the server's order (name, group, kind, uid, causes, retryAfterSeconds).
    var name: String? = nil
    var group: String? = nil
    var kind: String? = nil
    var causes: [Cause] = []
    var retryAfterSeconds: Int? = nil
    /// `details: {}` even when empty (some errors carry it, some omit it).
    var emptyDetails = false
    /// `metadata.continue` (410 on an expired continue token).
    var continueToken: String? = nil
    /// Answer `text/plain` "404 page not found" instead of a Status.
    var plainNotFound = false
    var extraHeaders: [(String, String)] = []

    var status: JSONValue {
        var details: JSONValue = [:]
        if let name { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind { details["kind"] = .string(kind) }
        if !causes.isEmpty {
            details["causes"] = .array(causes.map { cause in
                var c: JSONValue = ["reason": .string(cause.reason), "message": .string(cause.message)]
                if let field = cause.field { c["field"] = .string(field) }
                return c
            })
        }
        if let retryAfterSeconds { details["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        var metadata: JSONValue = [:]
        if let continueToken { metadata["continue"] = .string(continueToken) }
        var out: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": metadata, "status": "Failure"]
        if !message.isEmpty { out["message"] = .string(message) }
        out["reason"] = .string(reason)
        if details.objectValue?.isEmpty == false || emptyDetails { out["details"] = details }
        out["code"] = .int(Int64(code))
        return out
    }
}

extension APIError {
    static let pageNotFound = APIError(code: 404, reason: "NotFound", message: "404 page not found", plainNotFound: true)

    static func notFound(_ type: ResourceType, name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(type.groupResource) \"\(name)\" not found",
                 name: name, group: type.group, kind: type.resource)
    }

    static func namespaceNotFound(_ namespace: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                 name: namespace, kind: "namespaces")
    }

    static func alreadyExists(_ type: ResourceType, name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(type.groupResource) \"\(name)\" already exists",
                 name: name, group: type.group, kind: type.resource)
    }

    static func conflict(_ type: ResourceType, name: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(type.groupResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
                 name: name, group: type.group, kind: type.resource)
    }

    static func preconditionFailed(_ type: ResourceType, name: String, detail: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(type.qualifiedKind) \"\(name)\": \(detail)",
                 name: name, group: type.group, kind: type.kind)
    }

    /// 422 Invalid on an object: `Widget.demo.example.com "bad" is invalid: <errors>`.
    static func invalid(_ type: ResourceType, name: String, errors: [FieldProblem]) -> APIError {
        // events.k8s.io Events are validated as the internal core type: no group in the message.
        if type.group == "events.k8s.io" {
            return invalid(qualifiedKind: type.kind, group: "", kind: type.kind, name: name, errors: errors)
        }
        return invalid(qualifiedKind: type.qualifiedKind, group: type.group, kind: type.kind, name: name, errors: errors)
    }

    static func invalid(qualifiedKind: String, group: String, kind: String, name: String, errors: [FieldProblem]) -> APIError {
        // The message lists each distinct error once, even when a cause repeats (04, case 8).
        var rendered: [String] = []
        for text in errors.map(\.description) where !rendered.contains(text) { rendered.append(text) }
        let summary = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        return APIError(
            code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(summary)",
            name: name.isEmpty ? nil : name, group: group, kind: kind,
            causes: errors.map { Cause(reason: $0.reason, message: $0.message, field: $0.field) })
    }

    /// 422 on request options (`CreateOptions.meta.k8s.io "" is invalid: dryRun: ...`).
    static func invalidOptions(_ kind: String, errors: [FieldProblem]) -> APIError {
        let rendered = errors.map(\.description)
        let summary = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        return APIError(
            code: 422, reason: "Invalid", message: "\(kind).meta.k8s.io \"\" is invalid: \(summary)",
            group: "meta.k8s.io", kind: kind,
            causes: errors.map { Cause(reason: $0.reason, message: $0.message, field: $0.field) })
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed() -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
                 emptyDetails: true)
    }

    static func unsupportedMediaType(_ accepted: [String]) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType",
                 message: "the body of the request was in an unknown format - accepted media types include: "
                    + accepted.joined(separator: ", "))
    }

    static let notAcceptable = APIError(
        code: 406, reason: "NotAcceptable",
        message: "only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf")

    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                 causes: [Cause(reason: "", message: message, field: nil)])
    }

    static let resourceNotFound = APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource",
                                           emptyDetails: true)

    static func gone(_ message: String) -> APIError { APIError(code: 410, reason: "Expired", message: message) }
}

/// One field error of a 422 (`spec.size: Invalid value: 0: must be ...`).
struct FieldProblem: Sendable, CustomStringConvertible {
    var reason: String
    var field: String
    /// The cause message (`Invalid value: 0: ...`, `Required value`).
    var message: String

    var description: String { "\(field): \(message)" }

    static func required(_ field: String, _ detail: String = "") -> FieldProblem {
        FieldProblem(reason: "FieldValueRequired", field: field, message: detail.isEmpty ? "Required value" : "Required value: \(detail)")
    }
    static func invalid(_ field: String, value: JSONValue, _ detail: String) -> FieldProblem {
        FieldProblem(reason: "FieldValueInvalid", field: field, message: "Invalid value: \(FieldProblem.render(value)): \(detail)")
    }
    static func forbidden(_ field: String, _ detail: String) -> FieldProblem {
        FieldProblem(reason: "FieldValueForbidden", field: field, message: "Forbidden: \(detail)")
    }
    static func notSupported(_ field: String, value: String, supported: [String]) -> FieldProblem {
        FieldProblem(reason: "FieldValueNotSupported", field: field,
                     message: "Unsupported value: \(value): supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", "))
    }

    /// Go's rendering of a bad value in field errors: strings quoted, numbers bare.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return JSONValue.string(s).serialized()
        case .null: return "null"
        default: return value.serialized()
        }
    }
}
