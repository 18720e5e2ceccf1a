import OrderedCollections

/// A runtime CEL value. Schema objects and maps are both `.map` with string keys (field
/// selection on either reports `no such key`); `typeName` keeps the declared CEL type name.
enum CELValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)
    /// `google.protobuf.Duration`, in nanoseconds like Go's `time.Duration`.
    case duration(Int64)
    case timestamp(CELTimestamp)
    case type(String)
    /// `optional_type`: `nil` is `optional.none()`.
    case optional(CELValueBox?)

    /// The name `type()` reports and error messages use.
    var typeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .list: return "list"
        case .map(let m): return m.isObject ? "object" : "map"
        case .duration: return "google.protobuf.Duration"
        case .timestamp: return "google.protobuf.Timestamp"
        case .type: return "type"
        case .optional: return "optional_type"
        }
    }
}

/// Boxes a value inside `.optional` (an indirect payload without making the enum indirect).
final class CELValueBox: Sendable {
    let value: CELValue
    init(_ value: CELValue) { self.value = value }
}

/// A CEL map; keys are `bool`, `int`, `uint` or `string` values. `isObject` marks schema
/// objects with declared properties (for `type()` only; selection works the same).
struct CELMap: Sendable {
    var entries: [(key: CELValue, value: CELValue)]
    var isObject: Bool

    init(entries: [(key: CELValue, value: CELValue)] = [], isObject: Bool = false) {
        self.entries = entries
        self.isObject = isObject
    }

    init(strings: OrderedDictionary<String, CELValue>, isObject: Bool) {
        entries = strings.map { (key: CELValue.string($0.key), value: $0.value) }
        self.isObject = isObject
    }

    func value(for key: CELValue) -> CELValue? {
        for entry in entries where CELValue.keyEqual(entry.key, key) { return entry.value }
        return nil
    }

    var count: Int { entries.count }
}

extension CELValue {
    /// Map-key equality: numeric keys compare across int/uint/double like CEL's heterogeneous lookup.
    static func keyEqual(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default: return numericCompare(a, b) == 0
        }
    }

    /// `a <=> b` for int/uint/double combinations; nil when either is not numeric or NaN.
    static func numericCompare(_ a: CELValue, _ b: CELValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : compare(UInt64(x), y)
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : compare(x, UInt64(y))
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.double(let x), .int(let y)): return compareDouble(x, Double(y))
        case (.int(let x), .double(let y)): return compareDouble(Double(x), y)
        case (.double(let x), .uint(let y)): return compareDouble(x, Double(y))
        case (.uint(let x), .double(let y)): return compareDouble(Double(x), y)
        default: return nil
        }
    }

    private static func compare<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
    private static func compareDouble(_ x: Double, _ y: Double) -> Int? {
        if x.isNaN || y.isNaN { return nil }
        return compare(x, y)
    }

    /// CEL equality (`==`): heterogeneous, numeric values compare by value, lists element-wise,
    /// maps by key set; values of different kinds are unequal.
    static func equal(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for entry in x.entries {
                guard let other = y.value(for: entry.key), equal(entry.value, other) else { return false }
            }
            return true
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case let (x?, y?): return equal(x.value, y.value)
            default: return false
            }
        default:
            return numericCompare(a, b) == 0
        }
    }

    /// A value as `string()` and error messages render it.
    var displayString: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return CELFormat.double(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list(let items): return "[" + items.map(\.displayString).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { "\($0.key.displayString): \($0.value.displayString)" }.joined(separator: ", ") + "}"
        case .duration(let d): return CELFormat.duration(d)
        case .timestamp(let t): return t.rfc3339
        case .type(let t): return t
        case .optional(let o): return o.map { "optional(\($0.value.displayString))" } ?? "optional.none()"
        }
    }
}
