/// Go's `strconv.FormatFloat(x, 'g', -1, 32)`, which sigs.k8s.io/yaml uses to
/// turn float map keys into strings (`1e3` -> `1000`, `1e6` -> `1e+06`,
/// `3.14159265358979` -> `3.1415927`).
enum GoFloatFormat {
    static func shortestFloat32(_ value: Double) -> String {
        let f = Float(value)
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        let negative = f.sign == .minus
        // Swift's description is the shortest round-tripping decimal, which is
        // what Go's shortest formatting computes too; only the layout differs.
        let (digits, pointPosition) = decimalDigits(of: f.magnitude.description)
        var out = negative ? "-" : ""
        if digits.isEmpty { return out + "0" }
        let exponent = pointPosition - 1
        // Go switches to %e when exp < -4 || exp >= 6 for shortest 'g'.
        if exponent < -4 || exponent >= 6 {
            out += digits.prefix(1)
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exponent < 0 ? "e-" : "e+"
            let magnitude = abs(exponent)
            out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return out
        }
        if pointPosition <= 0 {
            return out + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if digits.count <= pointPosition {
            return out + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let integer = digits.prefix(pointPosition)
        return out + integer + "." + digits.dropFirst(pointPosition)
    }

    /// Significant digits without leading/trailing zeros and the position of
    /// the decimal point relative to them (`"1234.5"` -> `("12345", 4)`,
    /// `"1e-05"` -> `("1", -4)`).
    static func decimalDigits(of text: String) -> (String, Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var point: Int?
        for ch in mantissa {
            if ch == "." { point = digits.count } else { digits.append(ch) }
        }
        var pointPosition = (point ?? digits.count) + exponent
        while digits.first == "0" { digits.removeFirst(); pointPosition -= 1 }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }
}
