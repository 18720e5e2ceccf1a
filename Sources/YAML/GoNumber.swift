/// The parts of Go's `strconv` that go-yaml v2 resolves numbers with, on UTF-8
/// bytes. Reimplemented rather than approximated with Swift's parsers because
/// the accepted spellings differ (`0o17`, `017`, `+0x1F`, `.5_0`).
enum GoNumber {
    private static let zero = UInt8(ascii: "0")
    private static let plus = UInt8(ascii: "+")
    private static let minus = UInt8(ascii: "-")
    private static let underscore = UInt8(ascii: "_")
    private static let dot = UInt8(ascii: ".")

    /// `strconv.ParseInt(s, base, 64)` for base 0 (prefix-detected) or an explicit base.
    static func parseInt(_ s: ArraySlice<UInt8>, base: Int) -> Int64? {
        var s = s
        var negative = false
        if let first = s.first, first == plus || first == minus {
            negative = first == minus
            s = s.dropFirst()
        }
        guard let magnitude = parseUint(s, base: base) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// `strconv.ParseUint(s, base, 64)`: no sign; base 0 detects `0x`, `0o`,
    /// `0b` and a leading `0` (octal). Nil on syntax errors and overflow.
    static func parseUint(_ s: ArraySlice<UInt8>, base: Int) -> UInt64? {
        guard !s.isEmpty else { return nil }
        var s = s
        var base = base
        if base == 0 {
            base = 10
            if s.first == zero {
                let second = s.count >= 3 ? s[s.startIndex + 1] | 0x20 : 0
                switch second {
                case UInt8(ascii: "b"): base = 2; s = s.dropFirst(2)
                case UInt8(ascii: "o"): base = 8; s = s.dropFirst(2)
                case UInt8(ascii: "x"): base = 16; s = s.dropFirst(2)
                default: base = 8; s = s.dropFirst()
                }
            }
        }
        var value: UInt64 = 0
        for c in s {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - zero)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < UInt64(base) else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: UInt64(base))
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: [UInt8]) -> Bool {
        var i = 0
        if i < s.count, s[i] == plus || s[i] == minus { i += 1 }
        if i < s.count, s[i] == dot {
            i += 1
            guard countDigits(s, from: &i) > 0 else { return false }
        } else {
            guard countDigits(s, from: &i) > 0 else { return false }
            if i < s.count, s[i] == dot {
                i += 1
                _ = countDigits(s, from: &i)
            }
        }
        if i < s.count, s[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < s.count, s[i] == plus || s[i] == minus { i += 1 }
            guard countDigits(s, from: &i) > 0 else { return false }
        }
        return i == s.count
    }

    /// Go's `strconv.ParseFloat` for text starting with `.` (go-yaml's
    /// `.`-hint branch, which does not strip underscores first): `.5`, `.5e3`,
    /// `.5_0`. Nil if malformed or out of range.
    static func parseFloatStartingWithDot(_ s: [UInt8]) -> Double? {
        guard underscoresOK(s) else { return nil }
        let plain = s.filter { $0 != underscore }
        var i = 0
        guard i < plain.count, plain[i] == dot else { return nil }
        i += 1
        guard countDigits(plain, from: &i) > 0 else { return nil }
        if i < plain.count, plain[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < plain.count, plain[i] == plus || plain[i] == minus { i += 1 }
            guard countDigits(plain, from: &i) > 0 else { return nil }
        }
        guard i == plain.count else { return nil }
        return finiteDouble(plain)
    }

    /// The double for already validated decimal text; nil when it overflows
    /// (Go reports a range error there, so go-yaml keeps the text as a string).
    static func finiteDouble(_ s: [UInt8]) -> Double? {
        guard let d = Double(String(decoding: s, as: UTF8.self)), d.isFinite else { return nil }
        return d
    }

    /// Go's `underscoreOK`: underscores only between digits (or after a base prefix).
    static func underscoresOK(_ s: [UInt8]) -> Bool {
        var saw = UInt8(ascii: "^")
        var i = 0
        if let first = s.first, first == plus || first == minus { i = 1 }
        var hex = false
        if s.count - i >= 2, s[i] == zero {
            let p = s[i + 1] | 0x20
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                i += 2
                saw = zero
                hex = p == UInt8(ascii: "x")
            }
        }
        while i < s.count {
            let c = s[i]
            let lower = c | 0x20
            if (zero...UInt8(ascii: "9")).contains(c) || hex && (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(lower) {
                saw = zero
            } else if c == underscore {
                if saw != zero { return false }
                saw = underscore
            } else {
                if saw == underscore { return false }
                saw = UInt8(ascii: "!")
            }
            i += 1
        }
        return saw != underscore
    }

    private static func countDigits(_ s: [UInt8], from i: inout Int) -> Int {
        let start = i
        while i < s.count, (zero...UInt8(ascii: "9")).contains(s[i]) { i += 1 }
        return i - start
    }
}
