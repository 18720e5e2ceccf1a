public import JSON

/// One validation failure, shaped like `k8s.io/apimachinery/pkg/util/validation/field.Error`.
///
/// `description` renders exactly what the API server prints in a 422 `Status.message`
/// (`spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1`);
/// `message` is the part without the field, which is what a `StatusCause.message` carries.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable reason, as sent in `StatusCause.reason`.
    public enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case forbidden = "FieldValueForbidden"
        case typeInvalid = "FieldValueTypeInvalid"
        case notFound = "FieldValueNotFound"
        case internalError = "InternalError"

        /// The human wording Go uses for the type (`ErrorType.String()`).
        public var phrase: String {
            switch self {
            case .required: return "Required value"
            case .invalid, .typeInvalid: return "Invalid value"
            case .notSupported: return "Unsupported value"
            case .duplicate: return "Duplicate value"
            case .tooLong: return "Too long"
            case .tooMany: return "Too many"
            case .forbidden: return "Forbidden"
            case .notFound: return "Not found"
            case .internalError: return "Internal error"
            }
        }
    }

    public var kind: Kind
    /// The rendered field path (`spec.size`, `status.conditions[1]`), or `<nil>` for a cause
    /// without a field, exactly as the server puts it into `StatusCause.field`.
    public var field: String
    /// The offending value; `nil` when the server omits it (required, forbidden, too long,
    /// or a count that is unknown). `.null` prints as `null`.
    public var badValue: JSONValue?
    public var detail: String

    public init(kind: Kind, field: String, badValue: JSONValue?, detail: String) {
        self.kind = kind
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// The message without the field (`ErrorBody()`): `Unsupported value: "green": supported values: "red", "blue"`.
    public var message: String {
        var body: String
        switch kind {
        case .required, .forbidden, .tooLong, .internalError:
            body = kind.phrase
        default:
            if let badValue {
                body = kind.phrase + ": " + GoFormat.errorValue(badValue)
            } else {
                body = kind.phrase
            }
        }
        if !detail.isEmpty { body += ": " + detail }
        return body
    }

    /// `field: message`, the form used inside `Status.message`.
    public var description: String { field + ": " + message }
}

extension FieldError {
    /// `field.Required`.
    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(kind: .required, field: field, badValue: nil, detail: detail)
    }

    /// `field.Invalid`.
    public static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, badValue: value, detail: detail)
    }

    /// `field.TypeInvalid`.
    public static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(kind: .typeInvalid, field: field, badValue: value, detail: detail)
    }

    /// `field.NotSupported`: the supported values are quoted like Go's `strconv.Quote`.
    public static func notSupported(_ field: String, _ value: JSONValue, supported: [String]) -> FieldError {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoFormat.quote).joined(separator: ", ")
        return FieldError(kind: .notSupported, field: field, badValue: value, detail: detail)
    }

    /// `field.Duplicate`.
    public static func duplicate(_ field: String, _ value: JSONValue) -> FieldError {
        FieldError(kind: .duplicate, field: field, badValue: value, detail: "")
    }

    /// `field.Forbidden`.
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .forbidden, field: field, badValue: nil, detail: detail)
    }

    /// `field.TooLong` (the value itself is never printed).
    public static func tooLong(_ field: String, maxLength: Int64) -> FieldError {
        let detail: String
        if maxLength >= 0 {
            detail = "may not be more than \(maxLength) \(maxLength == 1 ? "byte" : "bytes")"
        } else {
            detail = "value is too long"
        }
        return FieldError(kind: .tooLong, field: field, badValue: nil, detail: detail)
    }

    /// `field.TooMany`: `Too many: 3: must have at most 2 items`.
    public static func tooMany(_ field: String, actual: Int64, max: Int64) -> FieldError {
        let detail: String
        if max >= 0 {
            detail = "must have at most \(max) \(max == 1 ? "item" : "items")"
        } else {
            detail = "has too many items"
        }
        return FieldError(kind: .tooMany, field: field, badValue: actual >= 0 ? .int(actual) : nil, detail: detail)
    }

    /// `field.InternalError`.
    public static func internalError(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .internalError, field: field, badValue: nil, detail: detail)
    }

    /// The cause the real server appends when a schema error blocks the CEL rules
    /// (`<nil>: Invalid value: null: some validation rules were not checked ...`).
    public static let celRulesNotChecked = FieldError(
        kind: .invalid, field: "<nil>", badValue: .null,
        detail: "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")

    /// The errors that stop the real server from evaluating CEL rules
    /// (type, required, enum, maxLength, maxItems/maxProperties violations).
    public var blocksCELRules: Bool {
        switch kind {
        case .notSupported, .required, .tooLong, .tooMany, .typeInvalid: return true
        default: return false
        }
    }

    /// The text after `... is invalid: ` in a 422 `Status.message`: one error as is, several as
    /// `[a, b]`, duplicates (same text) dropped like `ErrorList.ToAggregate()`.
    public static func aggregate(_ errors: [FieldError]) -> String {
        var seen = Set<String>()
        var texts: [String] = []
        for error in errors where seen.insert(error.description).inserted { texts.append(error.description) }
        if texts.count == 1 { return texts[0] }
        return "[" + texts.joined(separator: ", ") + "]"
    }
}
