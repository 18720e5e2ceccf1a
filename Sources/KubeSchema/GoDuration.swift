/// The `duration` format of kube-openapi: Go's `time.ParseDuration` syntax (`1h30m`, `300ms`)
/// or the Scala-like spelled-out form (`3 days`, `1 week`).
enum GoDuration {
    static func isValid(_ text: String) -> Bool {
        parseGo(text) || parseSpelledOut(text)
    }

    /// `time.ParseDuration`.
    static func parseGo(_ text: String) -> Bool {
        var s = Substring(text)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        if s == "0" { return true }
        guard !s.isEmpty else { return false }
        let units: [String: Double] = [
            "ns": 1, "us": 1e3, "\u{00B5}s": 1e3, "\u{03BC}s": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
        ]
        var total = 0.0
        while !s.isEmpty {
            let whole = s.prefix { $0.isASCII && $0.isNumber }
            s = s.dropFirst(whole.count)
            var fraction = Substring("")
            if s.first == "." {
                s = s.dropFirst()
                fraction = s.prefix { $0.isASCII && $0.isNumber }
                s = s.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return false }
            let unit = s.prefix { !($0.isASCII && $0.isNumber) && $0 != "." }
            s = s.dropFirst(unit.count)
            guard let scale = units[String(unit)] else { return false }
            let value = Double(String(whole.isEmpty ? "0" : whole) + "." + String(fraction.isEmpty ? "0" : fraction)) ?? 0
            total += value * scale
            // Go rejects anything beyond the int64 nanosecond range.
            if total >= 9.223372036854775808e18 { return false }
        }
        return true
    }

    private static let variants: [[String]] = [
        ["ns", "nano"], ["us", "\u{00B5}s", "micro"], ["ms", "milli"], ["s", "sec"], ["m", "min"],
        ["h", "hr", "hour"], ["d", "day"], ["w", "wk", "week"],
    ]

    /// kube-openapi's fallback: `^\s*(?:\d+\s*[A-Za-zµ]+\s*)+$`, at least one known unit.
    static func parseSpelledOut(_ text: String) -> Bool {
        var s = Substring(text)
        func skipSpaces() { s = s.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" } }
        skipSpaces()
        var matchedUnit = false
        var sawComponent = false
        while !s.isEmpty {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return false }
            s = s.dropFirst(digits.count)
            // strconv.Atoi fails beyond int64.
            guard Int64(digits) != nil else { return false }
            skipSpaces()
            let letters = s.prefix { ($0.isASCII && $0.isLetter) || $0 == "\u{00B5}" }
            guard !letters.isEmpty else { return false }
            s = s.dropFirst(letters.count)
            skipSpaces()
            sawComponent = true
            let unit = letters.lowercased()
            for group in variants {
                for (i, variant) in group.enumerated()
                where (i == group.count - 1 && unit.hasPrefix(variant)) || unit == variant.lowercased() {
                    matchedUnit = true
                }
            }
        }
        return sawComponent && matchedUnit
    }
}
