import JSON
/// A scalar after tag resolution, before it becomes a `JSONValue`.
///
/// Kept apart from `JSONValue` because go-yaml's intermediate types leak into
/// kubectl's output in two places: unsigned integers above `Int64.max` and
/// floats turn into map keys differently from the integers they equal
/// (`1e6: x` gives the key `"1e+06"`, `1000000: x` gives `"1000000"`).
enum ResolvedScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer only go-yaml's `ParseUint` accepted (above `Int64.max`).
    case uint(UInt64)
    case float(Double)
    case string(String)
}

extension ResolvedScalar {
    /// The value as kubectl ends up with it: sigs.k8s.io/yaml marshals go-yaml's
    /// result to JSON, and the unstructured decoder reads every number that fits
    /// an int64 back as an integer. So `1e3` and `1.0` are integers, while
    /// `1e20` and `18446744073709551615` stay floating point.
    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .double(Double(u))
        case .float(let d):
            // -2^63 ... 2^63 (exclusive) are exactly the doubles that fit Int64.
            if d.isFinite, d.rounded() == d, d >= -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 {
                return .int(Int64(d))
            }
            return .double(d)
        case .string(let s): return .string(s)
        }
    }

    /// The string a scalar map key becomes, as sigs.k8s.io/yaml converts keys:
    /// integers in decimal, booleans as `true`/`false`, floats with Go's
    /// `strconv.FormatFloat(f, 'g', -1, 32)`. Null and uint64 keys are refused
    /// there, so they are refused here too.
    func mapKey() -> Result<String, KeyError> {
        switch self {
        case .string(let s): return .success(s)
        case .int(let i): return .success(String(i))
        case .bool(let b): return .success(b ? "true" : "false")
        case .float(let d): return .success(GoFloatFormat.shortestFloat32(d))
        case .null: return .failure(KeyError(message: "a null mapping key is not supported (JSON object keys are strings)"))
        case .uint(let u):
            return .failure(KeyError(message: "mapping key \(u) is not supported: it does not fit a signed 64-bit integer"))
        }
    }

    struct KeyError: Error { var message: String }
}
