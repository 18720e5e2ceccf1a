/// CEL's operators on runtime values: checked int64/uint64 arithmetic, IEEE doubles,
/// string/bytes/list concatenation, timestamp/duration arithmetic, ordering and `in`.
enum CELOperators {
    static func unary(_ op: String, _ v: CELValue) throws(CELEvalError) -> CELValue {
        switch (op, v) {
        case ("!", .bool(let b)): return .bool(!b)
        case ("-", .int(let i)):
            guard i != .min else { throw CELEvalError("integer overflow") }
            return .int(-i)
        case ("-", .double(let d)): return .double(-d)
        case ("-", .duration(let d)):
            guard d != .min else { throw CELEvalError("integer overflow") }
            return .duration(-d)
        default: throw CELEvalError.noSuchOverload
        }
    }

    static func binary(_ op: String, _ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch op {
        case "==": return .bool(CELValue.equal(a, b))
        case "!=": return .bool(!CELValue.equal(a, b))
        case "<": return .bool(try compare(a, b) < 0)
        case "<=": return .bool(try compare(a, b) <= 0)
        case ">": return .bool(try compare(a, b) > 0)
        case ">=": return .bool(try compare(a, b) >= 0)
        case "in":
            switch b {
            case .list(let items): return .bool(items.contains { CELValue.equal($0, a) })
            case .map(let m): return .bool(m.value(for: a) != nil)
            default: throw CELEvalError.noSuchOverload
            }
        case "+": return try add(a, b)
        case "-": return try subtract(a, b)
        case "*": return try multiply(a, b)
        case "/": return try divide(a, b)
        case "%": return try modulo(a, b)
        default: throw CELEvalError.noSuchOverload
        }
    }

    /// Ordering: same-kind values, and int/uint/double across each other.
    static func compare(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> Int {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            // Go compares strings bytewise; UTF-8 byte order is code point order.
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars, by: { $0.value < $1.value }) ? -1 : (x == y ? 0 : 1)
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default:
            if let c = CELValue.numericCompare(a, b) { return c }
            // NaN compares false on every side; report "not less/greater" consistently.
            if case .double(let x) = a, x.isNaN { throw CELEvalError("NaN values cannot be ordered") }
            if case .double(let y) = b, y.isNaN { throw CELEvalError("NaN values cannot be ordered") }
            throw CELEvalError.noSuchOverload
        }
    }

    static let intOverflow = CELEvalError("integer overflow")
    static let uintOverflow = CELEvalError("unsigned integer overflow")

    private static func add(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw intOverflow }
            return .duration(r)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return try shift(t, by: d)
        default: throw CELEvalError.noSuchOverload
        }
    }

    private static func subtract(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw intOverflow }
            return .duration(r)
        case (.timestamp(let t), .duration(let d)):
            guard d != .min else { throw intOverflow }
            return try shift(t, by: -d)
        case (.timestamp(let x), .timestamp(let y)):
            let seconds = x.seconds - y.seconds
            let (s, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            let (r, o2) = s.addingReportingOverflow(Int64(x.nanos) - Int64(y.nanos))
            if o1 || o2 { throw intOverflow }
            return .duration(r)
        default: throw CELEvalError.noSuchOverload
        }
    }

    private static func shift(_ t: CELTimestamp, by nanos: Int64) throws(CELEvalError) -> CELValue {
        var seconds = t.seconds + nanos / 1_000_000_000
        var n = Int64(t.nanos) + nanos % 1_000_000_000
        if n < 0 { n += 1_000_000_000; seconds -= 1 }
        if n >= 1_000_000_000 { n -= 1_000_000_000; seconds += 1 }
        let result = CELTimestamp(seconds: seconds, nanos: Int32(n))
        guard result.isInRange else { throw CELEvalError("timestamp out of range") }
        return .timestamp(result)
    }

    private static func multiply(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw uintOverflow }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: throw CELEvalError.noSuchOverload
        }
    }

    private static func divide(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("division by zero") }
            return .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: throw CELEvalError.noSuchOverload
        }
    }

    private static func modulo(_ a: CELValue, _ b: CELValue) throws(CELEvalError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw intOverflow }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELEvalError("modulus by zero") }
            return .uint(x % y)
        default: throw CELEvalError.noSuchOverload
        }
    }
}
