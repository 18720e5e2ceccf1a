import JSON
import OrderedCollections

/// A port of kube-openapi's `validate.SchemaValidator` as the apiextensions server uses it
/// for custom resources: the same validators, in the same order, with the same messages.
///
/// Order per node: type, anyOf/oneOf/allOf/not, string (maxLength, minLength, pattern —
/// first failure only), format, number (multipleOf, minimum, maximum), array (items, then
/// minItems, maxItems, uniqueItems), enum, object (min/maxProperties first and exclusive,
/// additionalProperties, properties, then required).
enum OpenAPIValidator {
    /// Validates `data` against `node`; `path` is the dotted name of `data` (empty at the root).
    static func validate(_ data: JSONValue, _ node: SchemaNode, path: String, trace: [ValuePathStep] = []) -> ValidationResult {
        var result = validateNode(data, node, path: path, trace: trace)
        // Errors raised at this node have no origin yet; those of children already have theirs.
        for i in result.errors.indices where result.errors[i].origin.isEmpty { result.errors[i].origin = trace }
        return result
    }

    private static func validateNode(_ data: JSONValue, _ node: SchemaNode, path: String, trace: [ValuePathStep]) -> ValidationResult {
        var result = ValidationResult()
        if data.isNull {
            result.merge(validateType(data, node, path))
            result.merge(validateEnum(data, node, path))
            return result
        }
        if !node.validatorTypes.isEmpty || !node.validatedFormat.isEmpty {
            result.merge(validateType(data, node, path))
            result.inc()
        }
        result.merge(validateJunctors(data, node, path, trace))
        result.inc()
        if case .string(let s) = data {
            result.merge(validateString(s, node, path))
            result.inc()
            if !node.validatedFormat.isEmpty {
                if !StringFormat.validates(node.validatedFormat, s) {
                    result.merge(ValidationResult(error: .invalidType(path, node.validatedFormat, s)))
                }
                result.inc()
            }
        }
        switch data {
        case .int, .double:
            result.merge(validateNumber(data, node, path))
            result.inc()
        case .array(let items):
            result.merge(validateArray(items, node, path, trace))
            result.inc()
        default:
            break
        }
        result.merge(validateEnum(data, node, path))
        result.inc()
        if case .object(let members) = data {
            result.merge(validateObject(members, node, path, trace))
            result.inc()
        }
        result.inc()
        return result
    }

    // MARK: type

    /// The JSON type and the Go-inferred format of a value (`schemaInfoForType`).
    private static func schemaInfo(_ data: JSONValue) -> (type: String, format: String) {
        switch data {
        case .bool: return ("boolean", "")
        case .string: return ("string", "")
        case .int: return ("integer", "int64")
        case .double: return ("number", "float64")
        case .array: return ("array", "")
        case .object: return ("object", "")
        case .null: return ("", "")
        }
    }

    private static func validateType(_ data: JSONValue, _ node: SchemaNode, _ path: String) -> ValidationResult {
        var result = ValidationResult()
        result.inc()
        let types = node.validatorTypes
        let format = node.validatedFormat
        if data.isNull {
            if !types.isEmpty && !types.contains("null") && !node.nullable {
                return ValidationResult(error: .invalidType(path, types.joined(separator: ","), "null"))
            }
            return result
        }
        let (schType, inferredFormat) = schemaInfo(data)
        var isFloatInt = false
        if case .double(let d) = data { isFloatInt = isJSONInteger(d) && types.contains("integer") }
        let isIntFloat = schType == "integer" && types.contains("number")
        let isStringOrSlice: Bool
        switch data {
        case .string, .array: isStringOrSlice = true
        default: isStringOrSlice = false
        }
        if !isStringOrSlice && !format.isEmpty
            && !(types.contains(schType) || inferredFormat == format || isFloatInt || isIntFloat) {
            return ValidationResult(error: .invalidType(path, format, inferredFormat))
        }
        if !(types.contains("number") || types.contains("integer")) && !format.isEmpty && isStringOrSlice {
            return result
        }
        if !(types.contains(schType) || isFloatInt || isIntFloat) {
            return ValidationResult(error: .invalidType(path, types.joined(separator: ","), schType))
        }
        return result
    }

    /// `swag.IsFloat64AJSONInteger`: integral (or within a relative 1e-9) and within ±2^53.
    static func isJSONInteger(_ f: Double) -> Bool {
        guard f.isFinite, abs(f) <= 9_007_199_254_740_992 else { return false }
        let g = f.rounded(.towardZero)
        if f == g { return true }
        let diff = abs(f - g)
        if g == 0 { return diff < 1e-9 * Double.leastNonzeroMagnitude }
        return diff / (abs(f) + abs(g)) < 1e-9
    }

    // MARK: anyOf / oneOf / allOf / not

    private static func validateJunctors(_ data: JSONValue, _ node: SchemaNode, _ path: String, _ trace: [ValuePathStep]) -> ValidationResult {
        var main = ValidationResult()
        if let anyOf = node.anyOf, !anyOf.isEmpty {
            var bestFailures: ValidationResult?
            var firstSuccess: ValidationResult?
            var succeeded = false
            for branch in anyOf {
                let result = validate(data, branch, path: path, trace: trace)
                if result.isValid {
                    bestFailures = nil
                    succeeded = true
                    if firstSuccess == nil { firstSuccess = result }
                    break
                }
                if bestFailures == nil || result.matchCount > (bestFailures?.matchCount ?? 0) {
                    bestFailures = result
                }
            }
            if !succeeded {
                main.add(.composite("\(GoFormat.quote(path)) must validate at least one schema (anyOf)"))
            }
            if let bestFailures {
                main.merge(bestFailures)
            } else if let firstSuccess {
                main.merge(firstSuccess)
            }
        }
        if let oneOf = node.oneOf, !oneOf.isEmpty {
            var bestFailures: ValidationResult?
            var firstSuccess: ValidationResult?
            var validated = 0
            for branch in oneOf {
                let result = validate(data, branch, path: path, trace: trace)
                if result.isValid {
                    validated += 1
                    bestFailures = nil
                    if firstSuccess == nil { firstSuccess = result }
                    continue
                }
                if validated == 0 && (bestFailures == nil || result.matchCount > (bestFailures?.matchCount ?? 0)) {
                    bestFailures = result
                }
            }
            if validated != 1 {
                let additional = validated == 0 ? "Found none valid" : "Found \(validated) valid alternatives"
                main.add(.composite("\(GoFormat.quote(path)) must validate one and only one schema (oneOf). \(additional)"))
                if let bestFailures { main.merge(bestFailures) }
            } else if let firstSuccess {
                main.merge(firstSuccess)
            }
        }
        if let allOf = node.allOf, !allOf.isEmpty {
            var validated = 0
            for branch in allOf {
                let result = validate(data, branch, path: path, trace: trace)
                if result.isValid { validated += 1 }
                main.merge(result)
            }
            if validated != allOf.count {
                let additional = validated == 0 ? ". None validated" : ""
                main.add(.composite("\(GoFormat.quote(path)) must validate all the schemas (allOf)\(additional)"))
            }
        }
        if let not = node.not, validate(data, not, path: path, trace: trace).isValid {
            main.add(.composite("\(GoFormat.quote(path)) must not validate the schema (not)"))
        }
        main.inc()
        return main
    }

    // MARK: string

    private static func validateString(_ s: String, _ node: SchemaNode, _ path: String) -> ValidationResult? {
        // utf8.RuneCount: Unicode scalars, not grapheme clusters.
        let length = Int64(s.unicodeScalars.count)
        if let max = node.maxLength, length > max {
            return ValidationResult(error: .tooLong(path, max, .string(s)))
        }
        if let min = node.minLength, length < min {
            return ValidationResult(error: .tooShort(path, min, .string(s)))
        }
        if let pattern = node.pattern, !pattern.isEmpty {
            switch node.compiledPattern {
            case .success(let regex)?:
                if !regex.matches(s) { return ValidationResult(error: .failedPattern(path, pattern, .string(s))) }
            case .failure(let error)?:
                return ValidationResult(error: .failedPattern(path, "\(pattern), but pattern is invalid: \(error.message)", .string(s)))
            case nil:
                break
            }
        }
        return nil
    }

    // MARK: number

    private static func validateNumber(_ data: JSONValue, _ node: SchemaNode, _ path: String) -> ValidationResult {
        var result = ValidationResult()
        if let factor = node.multipleOf {
            result.merge(multipleOf(data, factor, path))
        }
        if let min = node.minimum {
            switch data {
            case .int(let i):
                let bound = truncatingInt64(min)
                if node.exclusiveMinimum ? i <= bound : i < bound {
                    result.merge(ValidationResult(error: .exceedsMinimum(path, String(bound), exclusive: node.exclusiveMinimum, data)))
                }
            case .double(let d):
                if node.exclusiveMinimum ? d <= min : d < min {
                    result.merge(ValidationResult(error: .exceedsMinimum(path, GoFormat.float(min), exclusive: node.exclusiveMinimum, data)))
                }
            default: break
            }
        }
        if let max = node.maximum {
            switch data {
            case .int(let i):
                let bound = truncatingInt64(max)
                if node.exclusiveMaximum ? i >= bound : i > bound {
                    result.merge(ValidationResult(error: .exceedsMaximum(path, String(bound), exclusive: node.exclusiveMaximum, data)))
                }
            case .double(let d):
                if node.exclusiveMaximum ? d >= max : d > max {
                    result.merge(ValidationResult(error: .exceedsMaximum(path, GoFormat.float(max), exclusive: node.exclusiveMaximum, data)))
                }
            default: break
            }
        }
        result.inc()
        return result
    }

    /// Go's `int64(f)` conversion: truncation, saturating out of range.
    static func truncatingInt64(_ f: Double) -> Int64 {
        if f.isNaN { return Int64.min }
        if f >= 9.223372036854775807e18 { return Int64.max }
        if f <= -9.223372036854775808e18 { return Int64.min }
        return Int64(f.rounded(.towardZero))
    }

    private static func multipleOf(_ data: JSONValue, _ factor: Double, _ path: String) -> ValidationResult? {
        switch data {
        case .int(let i):
            let intFactor = truncatingInt64(factor)
            if intFactor < 0 {
                return ValidationResult(error: .multipleOfMustBePositive(path, String(intFactor), data))
            }
            // A fractional factor below 1 truncates to 0 in Go (and would divide by zero);
            // fall back to the float check for it.
            if intFactor != 0 {
                let (quotient, overflow) = i.dividedReportingOverflow(by: intFactor)
                if overflow || quotient &* intFactor != i {
                    return ValidationResult(error: .notMultipleOf(path, String(intFactor), data))
                }
                return nil
            }
            return floatMultipleOf(Double(i), factor, path, data)
        case .double(let d):
            return floatMultipleOf(d, factor, path, data)
        default:
            return nil
        }
    }

    private static func floatMultipleOf(_ d: Double, _ factor: Double, _ path: String, _ data: JSONValue) -> ValidationResult? {
        if factor < 0 {
            return ValidationResult(error: .multipleOfMustBePositive(path, GoFormat.float(factor), data))
        }
        let mult = factor < 1 ? 1 / factor * d : d / factor
        if !isJSONInteger(mult) {
            return ValidationResult(error: .notMultipleOf(path, GoFormat.float(factor), data))
        }
        return nil
    }

    // MARK: array

    private static func validateArray(_ items: [JSONValue], _ node: SchemaNode, _ path: String, _ trace: [ValuePathStep]) -> ValidationResult {
        var result = ValidationResult()
        if let itemSchema = node.itemSchema {
            for (i, item) in items.enumerated() {
                result.merge(validate(item, itemSchema, path: "\(path)[\(i)]", trace: trace + [.index(i)]))
            }
        }
        let size = Int64(items.count)
        if let min = node.minItems, size < min {
            result.add(.tooFewItems(path, min, size))
        }
        if let max = node.maxItems, size > max {
            result.add(.tooManyItems(path, max, size))
        }
        if node.uniqueItems {
            var seen: [JSONValue] = []
            for item in items {
                if seen.contains(where: { goDeepEqual($0, item) }) {
                    result.add(.duplicateItems(path))
                    break
                }
                seen.append(item)
            }
        }
        result.inc()
        return result
    }

    // MARK: enum

    private static func validateEnum(_ data: JSONValue, _ node: SchemaNode, _ path: String) -> ValidationResult? {
        guard let values = node.enumValues, !values.isEmpty else { return nil }
        for value in values where enumMatches(data, value) { return nil }
        return ValidationResult(error: .enumFail(path, data, values))
    }

    /// Go's "convert the data to the enum value's type, then DeepEqual" (including its
    /// truncating float-to-int and rune-to-string conversions).
    private static func enumMatches(_ data: JSONValue, _ enumValue: JSONValue) -> Bool {
        switch (data, enumValue) {
        case (.null, _), (_, .null):
            return false
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .int(let b)): return truncatingInt64(a) == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .string(let b)):
            let scalar = (a >= 0 && a <= 0x10FFFF) ? Unicode.Scalar(UInt32(a)) : nil
            return String(scalar ?? "\u{FFFD}") == b
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        default: return goDeepEqual(data, enumValue)
        }
    }

    /// `reflect.DeepEqual` on unstructured values: an int64 never equals a float64.
    static func goDeepEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { goDeepEqual($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (key, value) in x {
                guard let other = y[key], goDeepEqual(value, other) else { return false }
            }
            return true
        default: return false
        }
    }

    // MARK: object

    private static func validateObject(_ members: OrderedDictionary<String, JSONValue>, _ node: SchemaNode, _ path: String, _ trace: [ValuePathStep]) -> ValidationResult {
        let count = Int64(members.count)
        if let min = node.minProperties, count < min {
            return ValidationResult(error: .tooFewProperties(path, min, count))
        }
        if let max = node.maxProperties, count > max {
            return ValidationResult(error: .tooManyProperties(path, max, count))
        }
        var result = ValidationResult()
        let properties = node.properties
        if case .bool(false) = node.additionalProperties {
            for key in members.keys where properties?[key] == nil {
                result.add(.propertyNotAllowed(path, key))
            }
        } else if let additional = node.additionalPropertiesSchema {
            for (key, value) in members where properties?[key] == nil {
                result.merge(validate(value, additional, path: path + "." + key, trace: trace + [.field(key)]))
            }
        }
        for (name, propertySchema) in properties ?? [:] {
            guard let value = members[name] else { continue }
            let childPath = path.isEmpty ? name : path + "." + name
            result.merge(validate(value, propertySchema, path: childPath, trace: trace + [.field(name)]))
        }
        for key in node.required ?? [] where members[key] == nil {
            result.add(.required(path + "." + key))
        }
        return result
    }
}
