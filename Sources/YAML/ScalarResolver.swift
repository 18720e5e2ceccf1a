/// Turns a scalar node into a value exactly as kubectl does: go-yaml v2's
/// resolver (YAML 1.1 booleans, base-prefixed and `_`-separated integers,
/// floats, `.inf`/`.nan`, nulls) plus its decoder's handling of explicit tags.
///
/// The order of the checks mirrors go-yaml's `resolve()` so that odd inputs
/// (`08` is the float 8, `0b-101` is -5, `1e400` is a string) come out the same.
enum ScalarResolver {
    /// The tag a plain scalar resolves to (go-yaml's `rtag`).
    enum Kind: Equatable {
        case null, bool, int, float, str, timestamp

        var tag: String {
            switch self {
            case .null: return YAMLTag.null
            case .bool: return YAMLTag.bool
            case .int: return YAMLTag.int
            case .float: return YAMLTag.float
            case .str: return YAMLTag.str
            case .timestamp: return YAMLTag.timestamp
            }
        }
    }

    struct Failure: Error { var message: String }

    /// Resolves one scalar node.
    /// - Parameters:
    ///   - tag: the node's expanded tag, nil when it has none.
    ///   - plainImplicit: libyaml's `plain_implicit`: true for untagged plain scalars.
    static func resolve(_ value: String, tag: String?, plainImplicit: Bool) throws(Failure) -> ResolvedScalar {
        guard let tag else {
            // Quoted and block scalars without a tag are always strings.
            return plainImplicit ? implicit(value, tag: "").1 : .string(value)
        }
        if tag == YAMLTag.binary {
            guard let bytes = Base64.decode(value) else {
                throw Failure(message: "!!binary value contains invalid base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        // Unknown tags (`!foo`, the non-specific `!`) leave the text as it is.
        guard YAMLTag.isResolvable(tag) else { return .string(value) }
        if tag == YAMLTag.str { return .string(value) }
        let (kind, scalar) = implicit(value, tag: tag)
        if kind.tag == tag {
            // A timestamp stays the text it was written as (go-yaml does so for interface{} targets).
            return kind == .timestamp ? .string(value) : scalar
        }
        if tag == YAMLTag.float, case .int(let i) = scalar { return .float(Double(i)) }
        throw Failure(message: "cannot decode \(YAMLTag.short(kind.tag)) `\(value)` as a \(YAMLTag.short(tag))")
    }

    /// go-yaml's implicit resolution for an untagged plain scalar (`tag` is
    /// empty) or for a scalar with one of the resolvable standard tags.
    static func implicit(_ value: String, tag: String) -> (Kind, ResolvedScalar) {
        let hint = value.utf8.first.map { hintTable[Int($0)] } ?? Hint.inMap
        guard hint != Hint.none, tag != YAMLTag.str else { return (.str, .string(value)) }
        // The longest spelling in `exact` has 5 bytes; skip hashing longer text.
        if value.utf8.count <= 5, let known = exact[value] { return known }
        switch hint {
        case Hint.dot:
            if let d = GoNumber.parseFloatStartingWithDot(Array(value.utf8)) { return (.float, .float(d)) }
        case Hint.digit, Hint.sign:
            // Fast path for the common case, plain decimal without a leading zero.
            if hint == Hint.digit, let i = simpleDecimal(value.utf8) { return (.int, .int(i)) }
            if tag.isEmpty || tag == YAMLTag.timestamp, Timestamp.isValid(value) {
                return (.timestamp, .string(value))
            }
            let plain = value.utf8.filter { $0 != UInt8(ascii: "_") }
            if let i = GoNumber.parseInt(plain[...], base: 0) { return (.int, .int(i)) }
            if let u = GoNumber.parseUint(plain[...], base: 0) { return (.int, .uint(u)) }
            if GoNumber.isYAMLStyleFloat(plain), let d = GoNumber.finiteDouble(plain) { return (.float, .float(d)) }
            // go-yaml retries "0b..." with an explicit base, which also admits a sign after the prefix.
            if plain.starts(with: Array("0b".utf8)) {
                if let i = GoNumber.parseInt(plain.dropFirst(2), base: 2) { return (.int, .int(i)) }
                if let u = GoNumber.parseUint(plain.dropFirst(2), base: 2) { return (.int, .uint(u)) }
            } else if plain.starts(with: Array("-0b".utf8)) {
                if let i = GoNumber.parseInt([UInt8(ascii: "-")] + plain.dropFirst(3), base: 2) { return (.int, .int(i)) }
            }
        default:
            break
        }
        return (.str, .string(value))
    }

    /// `[1-9][0-9]{0,17}` or `0` as an integer (no overflow possible), else nil.
    private static func simpleDecimal(_ utf8: String.UTF8View) -> Int64? {
        guard utf8.count <= 18, utf8.first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        var value: Int64 = 0
        for c in utf8 {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(c - UInt8(ascii: "0"))
        }
        return value
    }

    /// go-yaml's first-character hints: only these starts can be non-strings.
    private enum Hint {
        static let none: UInt8 = 0
        static let sign = UInt8(ascii: "S")
        static let digit = UInt8(ascii: "D")
        static let inMap = UInt8(ascii: "M")
        static let dot = UInt8(ascii: ".")
    }

    private static let hintTable: [UInt8] = {
        var table = [UInt8](repeating: Hint.none, count: 256)
        table[Int(UInt8(ascii: "+"))] = Hint.sign
        table[Int(UInt8(ascii: "-"))] = Hint.sign
        for c in "0123456789".utf8 { table[Int(c)] = Hint.digit }
        for c in "yYnNtTfFoO~".utf8 { table[Int(c)] = Hint.inMap }
        table[Int(UInt8(ascii: "."))] = Hint.dot
        return table
    }()

    /// go-yaml v2's `resolveMap`: the exact spellings it recognises.
    private static let exact: [String: (Kind, ResolvedScalar)] = {
        var map: [String: (Kind, ResolvedScalar)] = [:]
        for s in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { map[s] = (.bool, .bool(true)) }
        for s in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { map[s] = (.bool, .bool(false)) }
        for s in ["", "~", "null", "Null", "NULL"] { map[s] = (.null, .null) }
        for s in [".nan", ".NaN", ".NAN"] { map[s] = (.float, .float(.nan)) }
        for s in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { map[s] = (.float, .float(.infinity)) }
        for s in ["-.inf", "-.Inf", "-.INF"] { map[s] = (.float, .float(-.infinity)) }
        return map
    }()
}
