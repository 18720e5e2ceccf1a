import JSON

/// A failure as kube-openapi's validator produces it (`errors.Validation`, or a plain
/// composite message for anyOf/oneOf/allOf/not), before it is converted to a `FieldError`.
struct OpenAPIError: Sendable, Equatable {
    enum Code: Sendable, Equatable {
        case invalidType, required, tooLong, tooShort, pattern, enumFail, multipleOf, maximum, minimum
        case unique, maxItems, minItems, tooFewProperties, tooManyProperties, unallowedProperty
        case multipleOfMustBePositive
        /// go-openapi's `errors.New(422, ...)`: not an `errors.Validation`, carries no name.
        case composite
    }

    var code: Code
    /// The dotted path the validator was at (`spec.size`, `.replicas` at the root); nil for composite errors.
    var name: String?
    var message: String
    var value: JSONValue?
    var values: [JSONValue] = []
    /// The limit for too-long / too-many errors.
    var limit: Int64?
    /// Where in the validated value the validator was when it raised this error (used to
    /// ratchet errors of unchanged values on update).
    var origin: [ValuePathStep] = []

    // MARK: Constructors mirroring go-openapi/errors (with the "in body" location).

    static func invalidType(_ name: String, _ typeName: String, _ value: String) -> OpenAPIError {
        OpenAPIError(code: .invalidType, name: name,
                     message: "\(name) in body must be of type \(typeName): \(GoFormat.quote(value))", value: .string(value))
    }

    static func required(_ name: String) -> OpenAPIError {
        OpenAPIError(code: .required, name: name, message: "\(name) in body is required")
    }

    static func tooLong(_ name: String, _ max: Int64, _ value: JSONValue) -> OpenAPIError {
        OpenAPIError(code: .tooLong, name: name, message: "\(name) in body should be at most \(max) chars long",
                     value: value, limit: max)
    }

    static func tooShort(_ name: String, _ min: Int64, _ value: JSONValue) -> OpenAPIError {
        OpenAPIError(code: .tooShort, name: name, message: "\(name) in body should be at least \(min) chars long", value: value)
    }

    static func failedPattern(_ name: String, _ pattern: String, _ value: JSONValue) -> OpenAPIError {
        OpenAPIError(code: .pattern, name: name, message: "\(name) in body should match '\(pattern)'", value: value)
    }

    static func enumFail(_ name: String, _ value: JSONValue, _ values: [JSONValue]) -> OpenAPIError {
        let list = values.map(GoFormat.errorValue).joined(separator: " ")
        return OpenAPIError(code: .enumFail, name: name, message: "\(name) in body should be one of [\(list)]",
                            value: value, values: values)
    }

    static func notMultipleOf(_ name: String, _ factor: String, _ value: JSONValue) -> OpenAPIError {
        OpenAPIError(code: .multipleOf, name: name, message: "\(name) in body should be a multiple of \(factor)", value: value)
    }

    static func multipleOfMustBePositive(_ name: String, _ factor: String, _ value: JSONValue) -> OpenAPIError {
        OpenAPIError(code: .multipleOfMustBePositive, name: name,
                     message: "factor MultipleOf declared for \(name) must be positive: \(factor)", value: value)
    }

    static func exceedsMaximum(_ name: String, _ max: String, exclusive: Bool, _ value: JSONValue) -> OpenAPIError {
        let relation = exclusive ? "less than" : "less than or equal to"
        return OpenAPIError(code: .maximum, name: name, message: "\(name) in body should be \(relation) \(max)", value: value)
    }

    static func exceedsMinimum(_ name: String, _ min: String, exclusive: Bool, _ value: JSONValue) -> OpenAPIError {
        let relation = exclusive ? "greater than" : "greater than or equal to"
        return OpenAPIError(code: .minimum, name: name, message: "\(name) in body should be \(relation) \(min)", value: value)
    }

    static func duplicateItems(_ name: String) -> OpenAPIError {
        OpenAPIError(code: .unique, name: name, message: "\(name) in body shouldn't contain duplicates")
    }

    static func tooManyItems(_ name: String, _ max: Int64, _ size: Int64) -> OpenAPIError {
        OpenAPIError(code: .maxItems, name: name, message: "\(name) in body should have at most \(max) items",
                     value: .int(size), limit: max)
    }

    static func tooFewItems(_ name: String, _ min: Int64, _ size: Int64) -> OpenAPIError {
        OpenAPIError(code: .minItems, name: name, message: "\(name) in body should have at least \(min) items", value: .int(size))
    }

    static func tooFewProperties(_ name: String, _ min: Int64, _ count: Int64) -> OpenAPIError {
        OpenAPIError(code: .tooFewProperties, name: name,
                     message: "\(name) in body should have at least \(min) properties", value: .int(count))
    }

    static func tooManyProperties(_ name: String, _ max: Int64, _ count: Int64) -> OpenAPIError {
        OpenAPIError(code: .tooManyProperties, name: name,
                     message: "\(name) in body should have at most \(max) properties", value: .int(count), limit: max)
    }

    static func propertyNotAllowed(_ name: String, _ key: String) -> OpenAPIError {
        OpenAPIError(code: .unallowedProperty, name: name, message: "\(name).\(key) in body is a forbidden property",
                     value: .string(key))
    }

    static func composite(_ message: String) -> OpenAPIError {
        OpenAPIError(code: .composite, name: nil, message: message)
    }

    /// apiextensions' `kubeOpenAPIResultToFieldErrors` for one error, under `base`.
    func fieldError(base: FieldPath) -> FieldError {
        guard let name else {
            return .invalid(base.string, .string(""), message)
        }
        var path = base
        if !name.isEmpty && name != "." {
            path = base.child(name.hasPrefix(".") ? String(name.dropFirst()) : name)
        }
        switch code {
        case .required:
            return .required(path.string)
        case .enumFail:
            let supported = values.map { value -> String in
                if case .string(let s) = value { return s }
                return GoFormat.json(value)
            }
            return .notSupported(path.string, value ?? .null, supported: supported)
        case .tooLong:
            return .tooLong(path.string, maxLength: limit ?? -1)
        case .maxItems, .tooManyProperties:
            return .tooMany(path.string, actual: value?.intValue ?? -1, max: limit ?? -1)
        case .invalidType:
            return .typeInvalid(path.string, value ?? .string(""), message)
        default:
            return .invalid(path.string, value ?? .string(""), message)
        }
    }
}
