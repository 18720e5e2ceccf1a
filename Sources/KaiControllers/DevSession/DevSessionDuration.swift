/// Parses a Go duration (`8760h`, `1h30m`, `90s`, `1.5h`), as `spec.expiresAfter` is written.
enum DevSessionDuration {
    /// The duration, or nil when `text` is not a non-negative Go duration.
    static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            guard let seconds = unitSeconds[String(unit)] else { return nil }
            total += value * seconds
        }
        // Go durations end at about 292 years.
        guard total.isFinite, total <= 9_223_372_036 else { return nil }
        return .nanoseconds(Int64((total * 1e9).rounded()))
    }

    static let unitSeconds: [String: Double] = [
        "ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600,
    ]
}
