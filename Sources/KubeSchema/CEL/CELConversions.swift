/// CEL's type conversion functions (`int()`, `uint()`, `double()`, `string()`, `bool()`,
/// `duration()`, `timestamp()`), with cel-go's range checks.
enum CELConversions {
    static func toInt(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .int: return v
        case .uint(let u):
            guard let i = Int64(exactly: u) else { throw CELEvalError("integer overflow") }
            return .int(i)
        case .double(let d):
            // cel-go refuses values outside (-2^63, 2^63) and NaN.
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775807e18 else {
                throw CELEvalError("integer overflow")
            }
            return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
            guard let i = Int64(s) else { throw CELEvalError("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        case .duration(let d): return .int(d)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toUint(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .uint: return v
        case .int(let i):
            guard i >= 0 else { throw CELEvalError("unsigned integer overflow") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d >= 0, d < 1.8446744073709552e19 else { throw CELEvalError("unsigned integer overflow") }
            return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
            guard let u = UInt64(s) else { throw CELEvalError("cannot convert '\(s)' to uint") }
            return .uint(u)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toDouble(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = Double(s) else { throw CELEvalError("cannot convert '\(s)' to double") }
            return .double(d)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toString(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .string: return v
        case .int, .uint, .double, .bool, .duration, .timestamp: return .string(v.displayString)
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { throw CELEvalError("invalid UTF-8 in bytes, cannot convert to string") }
            return .string(s)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toBool(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .bool: return v
        case .string(let s):
            // strconv.ParseBool.
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
            default: throw CELEvalError("type conversion error from 'string' to 'bool'")
            }
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toDuration(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .duration: return v
        case .string(let s):
            guard let nanos = CELFormat.parseDuration(s) else {
                throw CELEvalError("type conversion error from 'string' to 'google.protobuf.Duration'")
            }
            return .duration(nanos)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func toTimestamp(_ v: CELValue) throws(CELEvalError) -> CELValue {
        switch v {
        case .timestamp: return v
        case .string(let s):
            guard let t = CELTimestamp.parse(s), t.isInRange else {
                throw CELEvalError("type conversion error from 'string' to 'google.protobuf.Timestamp'")
            }
            return .timestamp(t)
        case .int(let i):
            let t = CELTimestamp(seconds: i, nanos: 0)
            guard t.isInRange else { throw CELEvalError("timestamp out of range") }
            return .timestamp(t)
        default: throw CELEvalError.noSuchOverload
        }
    }
}
