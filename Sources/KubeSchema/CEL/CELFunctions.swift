import Foundation

/// The functions CRD rules can call: CEL's standard library (size, contains, startsWith,
/// endsWith, matches, conversions, duration/timestamp and their getters, type), the
/// optional helpers, and the Kubernetes list and string libraries (isSorted, sum, min, max,
/// indexOf, lastIndexOf, lowerAscii, upperAscii, trim, split, join, replace, substring, charAt).
enum CELFunctions {
    // MARK: Static result types (for the checker)

    /// The result type of a call, or nil when no such function/overload exists.
    static func resultType(_ name: String, target: CELType?, args: [CELType]) -> CELType? {
        let n = args.count
        if let target {
            let base: CELType
            if case .optional(let inner) = target {
                switch (name, n) {
                case ("hasValue", 0): return .bool
                case ("value", 0): return inner
                case ("orValue", 1): return CELChecker.join(inner, args[0])
                case ("or", 1): return target
                default: base = inner
                }
            } else {
                base = target
            }
            return memberType(name, base, args)
        }
        switch (name, n) {
        case ("size", 1): return .int
        case ("matches", 2), ("contains", 2), ("startsWith", 2), ("endsWith", 2): return .bool
        case ("int", 1): return .int
        case ("uint", 1): return .uint
        case ("double", 1): return .double
        case ("string", 1): return .string
        case ("bool", 1): return .bool
        case ("bytes", 1): return .bytes
        case ("duration", 1): return .duration
        case ("timestamp", 1): return .timestamp
        case ("type", 1): return .type
        case ("dyn", 1): return .dyn
        default: return nil
        }
    }

    private static func memberType(_ name: String, _ t: CELType, _ args: [CELType]) -> CELType? {
        let n = args.count
        let isString = t.primitive == "string" || t.isDyn
        let isTime = t.primitive == "google.protobuf.Timestamp" || t.isDyn
        let isDuration = t.primitive == "google.protobuf.Duration" || t.isDyn
        var elem: CELType = .dyn
        var isList = t.isDyn
        if case .list(let e) = t { elem = e; isList = true }
        switch (name, n) {
        case ("size", 0): return .int
        case ("contains", 1), ("startsWith", 1), ("endsWith", 1), ("matches", 1): return isString ? .bool : nil
        case ("lowerAscii", 0), ("upperAscii", 0), ("trim", 0): return isString ? .string : nil
        case ("charAt", 1), ("replace", 2), ("replace", 3), ("substring", 1), ("substring", 2): return isString ? .string : nil
        case ("split", 1), ("split", 2): return isString ? .list(.string) : nil
        case ("join", 0), ("join", 1): return isList ? .string : nil
        case ("indexOf", 1), ("lastIndexOf", 1), ("indexOf", 2), ("lastIndexOf", 2): return (isString || isList) ? .int : nil
        case ("isSorted", 0): return isList ? .bool : nil
        case ("sum", 0), ("min", 0), ("max", 0): return isList ? elem : nil
        case ("getFullYear", _), ("getMonth", _), ("getDayOfMonth", _), ("getDate", _), ("getDayOfWeek", _),
             ("getDayOfYear", _):
            return isTime && n <= 1 ? .int : nil
        case ("getHours", _), ("getMinutes", _), ("getSeconds", _), ("getMilliseconds", _):
            return (isTime || isDuration) && n <= 1 ? .int : nil
        case ("hasValue", 0), ("value", 0), ("orValue", 1), ("or", 1): return t.isDyn ? .dyn : nil
        default: return nil
        }
    }

    // MARK: Runtime

    static func optionalNamespace(_ name: String, _ args: [CELValue]) throws(CELEvalError) -> CELValue {
        switch (name, args.count) {
        case ("of", 1): return .optional(CELValueBox(args[0]))
        case ("none", 0): return .optional(nil)
        case ("ofNonZeroValue", 1): return .optional(isZero(args[0]) ? nil : CELValueBox(args[0]))
        default: throw CELEvalError("no such overload: optional.\(name)")
        }
    }

    private static func isZero(_ v: CELValue) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.count == 0
        case .duration(let d): return d == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        default: return false
        }
    }

    static func call(_ name: String, target: CELValue?, args: [CELValue], evaluator: inout CELEvaluator) throws(CELEvalError) -> CELValue {
        if let target {
            if case .optional(let inner) = target {
                switch (name, args.count) {
                case ("hasValue", 0): return .bool(inner != nil)
                case ("value", 0):
                    guard let inner else { throw CELEvalError("optional.none() dereference") }
                    return inner.value
                case ("orValue", 1): return inner?.value ?? args[0]
                case ("or", 1): return inner == nil ? args[0] : target
                default: break
                }
            }
            return try member(name, target, args, evaluator: &evaluator)
        }
        switch (name, args.count) {
        case ("size", 1), ("matches", 2), ("contains", 2), ("startsWith", 2), ("endsWith", 2):
            return try member(name, args[0], Array(args.dropFirst()), evaluator: &evaluator)
        case ("int", 1): return try CELConversions.toInt(args[0])
        case ("uint", 1): return try CELConversions.toUint(args[0])
        case ("double", 1): return try CELConversions.toDouble(args[0])
        case ("string", 1): return try CELConversions.toString(args[0])
        case ("bool", 1): return try CELConversions.toBool(args[0])
        case ("bytes", 1):
            switch args[0] {
            case .bytes: return args[0]
            case .string(let s): return .bytes(Array(s.utf8))
            default: throw CELEvalError.noSuchOverload
            }
        case ("duration", 1): return try CELConversions.toDuration(args[0])
        case ("timestamp", 1): return try CELConversions.toTimestamp(args[0])
        case ("type", 1): return .type(args[0].typeName)
        case ("dyn", 1): return args[0]
        default: throw CELEvalError("no such overload: \(name)")
        }
    }

    private static func string(_ v: CELValue) throws(CELEvalError) -> String {
        guard case .string(let s) = v else { throw CELEvalError.noSuchOverload }
        return s
    }

    private static func int(_ v: CELValue) throws(CELEvalError) -> Int {
        guard case .int(let i) = v, let n = Int(exactly: i) else { throw CELEvalError.noSuchOverload }
        return n
    }

    private static func member(_ name: String, _ target: CELValue, _ args: [CELValue], evaluator: inout CELEvaluator) throws(CELEvalError) -> CELValue {
        switch (name, target, args.count) {
        case ("size", _, 0):
            switch target {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw CELEvalError.noSuchOverload
            }
        case ("contains", .string(let s), 1):
            let needle = try string(args[0])
            return .bool(needle.isEmpty || s.contains(needle))
        case ("startsWith", .string(let s), 1):
            return .bool(s.unicodeScalars.starts(with: try string(args[0]).unicodeScalars))
        case ("endsWith", .string(let s), 1):
            return .bool(s.unicodeScalars.reversed().starts(with: try string(args[0]).unicodeScalars.reversed()))
        case ("matches", .string(let s), 1):
            let pattern = try string(args[0])
            if let cached = evaluator.regexCache[pattern] { return .bool(cached.matches(s)) }
            switch GoRegex.compile(pattern) {
            case .success(let regex):
                evaluator.regexCache[pattern] = regex
                return .bool(regex.matches(s))
            case .failure(let error):
                throw CELEvalError(error.message)
            }
        case ("lowerAscii", .string(let s), 0):
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ($0 >= "A" && $0 <= "Z") ? Unicode.Scalar($0.value + 32)! : $0 })))
        case ("upperAscii", .string(let s), 0):
            return .string(String(String.UnicodeScalarView(s.unicodeScalars.map { ($0 >= "a" && $0 <= "z") ? Unicode.Scalar($0.value - 32)! : $0 })))
        case ("trim", .string(let s), 0):
            return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
        case ("charAt", .string(let s), 1):
            let scalars = Array(s.unicodeScalars)
            let i = try int(args[0])
            guard i >= 0 && i <= scalars.count else { throw CELEvalError("index out of range: \(i)") }
            return .string(i == scalars.count ? "" : String(scalars[i]))
        case ("indexOf", .string(let s), _), ("lastIndexOf", .string(let s), _):
            return try stringIndex(s, name == "lastIndexOf", args)
        case ("replace", .string(let s), _):
            let old = try string(args[0])
            let new = try string(args[1])
            let limit = args.count > 2 ? try int(args[2]) : -1
            return .string(replace(s, old, new, limit))
        case ("split", .string(let s), _):
            let separator = try string(args[0])
            let limit = args.count > 1 ? try int(args[1]) : -1
            return .list(split(s, separator, limit).map(CELValue.string))
        case ("substring", .string(let s), _):
            let scalars = Array(s.unicodeScalars)
            let start = try int(args[0])
            let end = args.count > 1 ? try int(args[1]) : scalars.count
            guard start >= 0 && start <= scalars.count else { throw CELEvalError("index out of range: \(start)") }
            guard end >= 0 && end <= scalars.count else { throw CELEvalError("index out of range: \(end)") }
            guard start <= end else { throw CELEvalError("invalid substring range. start: \(start), end: \(end)") }
            return .string(String(String.UnicodeScalarView(scalars[start..<end])))
        case ("join", .list(let items), _):
            let separator = args.isEmpty ? "" : try string(args[0])
            var parts: [String] = []
            for item in items { parts.append(try string(item)) }
            return .string(parts.joined(separator: separator))
        case ("isSorted", .list(let items), 0):
            for i in items.indices.dropFirst() where try CELOperators.compare(items[i - 1], items[i]) > 0 {
                return .bool(false)
            }
            return .bool(true)
        case ("sum", .list(let items), 0):
            guard var total = items.first else { return .int(0) }
            for item in items.dropFirst() { total = try CELOperators.binary("+", total, item) }
            return total
        case ("min", .list(let items), 0), ("max", .list(let items), 0):
            guard var best = items.first else { throw CELEvalError("\(name)(list) called on an empty list") }
            for item in items.dropFirst() {
                let c = try CELOperators.compare(item, best)
                if name == "min" ? c < 0 : c > 0 { best = item }
            }
            return best
        case ("indexOf", .list(let items), 1):
            return .int(Int64(items.firstIndex { CELValue.equal($0, args[0]) } ?? -1))
        case ("lastIndexOf", .list(let items), 1):
            return .int(Int64(items.lastIndex { CELValue.equal($0, args[0]) } ?? -1))
        case (_, .timestamp(let t), _):
            return try timestampGetter(name, t, args)
        case (_, .duration(let d), 0):
            switch name {
            case "getHours": return .int(d / 3_600_000_000_000)
            case "getMinutes": return .int(d / 60_000_000_000)
            case "getSeconds": return .int(d / 1_000_000_000)
            case "getMilliseconds": return .int((d % 1_000_000_000) / 1_000_000)
            default: throw CELEvalError.noSuchOverload
            }
        default:
            throw CELEvalError.noSuchOverload
        }
    }

    private static func stringIndex(_ s: String, _ last: Bool, _ args: [CELValue]) throws(CELEvalError) -> CELValue {
        let hay = Array(s.unicodeScalars)
        let needle = Array(try string(args[0]).unicodeScalars)
        let offset = args.count > 1 ? try int(args[1]) : (last ? hay.count : 0)
        guard offset >= 0 && offset <= hay.count else { throw CELEvalError("index out of range: \(offset)") }
        if needle.isEmpty { return .int(Int64(offset)) }
        if last {
            var i = min(offset, hay.count - needle.count)
            while i >= 0 {
                if Array(hay[i..<(i + needle.count)]) == needle { return .int(Int64(i)) }
                i -= 1
            }
        } else if hay.count >= needle.count, offset <= hay.count - needle.count {
            for i in offset...(hay.count - needle.count) where Array(hay[i..<(i + needle.count)]) == needle {
                return .int(Int64(i))
            }
        }
        return .int(-1)
    }

    /// Go's `strings.Replace` (n < 0: all).
    private static func replace(_ s: String, _ old: String, _ new: String, _ n: Int) -> String {
        if n == 0 || old == new { return s }
        if old.isEmpty {
            var out = ""
            var count = 0
            for scalar in s.unicodeScalars {
                if n < 0 || count < n { out += new; count += 1 }
                out.unicodeScalars.append(scalar)
            }
            if n < 0 || count < n { out += new }
            return out
        }
        var out = ""
        var rest = Substring(s)
        var count = 0
        while n < 0 || count < n, let range = rest.range(of: old, options: .literal) {
            out += rest[..<range.lowerBound] + new
            rest = rest[range.upperBound...]
            count += 1
        }
        return out + rest
    }

    /// Go's `strings.SplitN` (n < 0: all; empty separator splits into characters).
    private static func split(_ s: String, _ sep: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            let scalars = s.unicodeScalars.map { String($0) }
            if n < 0 || n >= scalars.count { return scalars }
            return Array(scalars[..<(n - 1)]) + [scalars[(n - 1)...].joined()]
        }
        var parts: [String] = []
        var rest = Substring(s)
        while n < 0 || parts.count < n - 1, let range = rest.range(of: sep, options: .literal) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    private static func timestampGetter(_ name: String, _ t: CELTimestamp, _ args: [CELValue]) throws(CELEvalError) -> CELValue {
        var offset: Int64 = 0
        if let zone = args.first {
            offset = try timeZoneOffset(try string(zone), at: t)
        }
        let c = t.components(offset: offset)
        switch name {
        case "getFullYear": return .int(c.year)
        case "getMonth": return .int(c.month - 1)
        case "getDayOfMonth": return .int(c.day - 1)
        case "getDate": return .int(c.day)
        case "getDayOfWeek": return .int(c.dayOfWeek)
        case "getDayOfYear": return .int(c.dayOfYear)
        case "getHours": return .int(c.hour)
        case "getMinutes": return .int(c.minute)
        case "getSeconds": return .int(c.second)
        case "getMilliseconds": return .int(Int64(t.nanos) / 1_000_000)
        default: throw CELEvalError.noSuchOverload
        }
    }

    /// `UTC` or a fixed offset (`+05:30`, `-08:00`); IANA zone names resolve through Foundation.
    private static func timeZoneOffset(_ zone: String, at t: CELTimestamp) throws(CELEvalError) -> Int64 {
        if zone == "UTC" || zone == "Z" { return 0 }
        let scalars = Array(zone.utf8)
        if scalars.count == 6, scalars[0] == 43 || scalars[0] == 45, scalars[3] == 58,
           let h = Int64(String(zone.dropFirst().prefix(2))), let m = Int64(String(zone.suffix(2))) {
            return (h * 3600 + m * 60) * (scalars[0] == 45 ? -1 : 1)
        }
        guard let tz = TimeZone(identifier: zone) else { throw CELEvalError("invalid time zone: \(zone)") }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }
}
