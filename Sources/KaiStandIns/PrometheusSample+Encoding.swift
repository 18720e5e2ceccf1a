import JSON

extension PrometheusSample {
    /// `{"metric": {...}, "value": [<unix seconds>, "<value>"]}` as the Prometheus HTTP API writes it.
    func resultEntry(timestamp: Double) -> JSONValue {
        var metric: JSONValue = .emptyObject
        // Prometheus writes __name__ first, then the labels sorted by name.
        for name in labels.keys.sorted(by: Self.labelOrder) {
            metric[name] = labels[name].map { .string($0) }
        }
        return ["metric": metric, "value": [.double(timestamp), .string(Self.format(value))]]
    }

    private static func labelOrder(_ lhs: String, _ rhs: String) -> Bool {
        if lhs == "__name__" { return rhs != "__name__" }
        if rhs == "__name__" { return false }
        return lhs < rhs
    }

    /// A sample value as Prometheus writes it (Go's `FormatFloat(v, 'f', -1, 64)`):
    /// `"1"`, `"0.97"`, `"0.00001"`, `"NaN"`, `"+Inf"`, `"-Inf"`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let shortest = "\(value)"
        guard let exponentIndex = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
            let exponent = Int(shortest[shortest.index(after: exponentIndex)...])
        else { return shortest }
        // Expand the shortest round-trip digits without an exponent, as Go's 'f' format does.
        var mantissa = shortest[..<exponentIndex]
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerDigits = String(parts[0])
        let fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerDigits + fractionDigits
        var point = integerDigits.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var integerPart = String(digits.prefix(point))
        var fractionPart = String(digits.dropFirst(point))
        while fractionPart.hasSuffix("0") { fractionPart.removeLast() }
        while integerPart.count > 1, integerPart.hasPrefix("0") { integerPart.removeFirst() }
        let text = fractionPart.isEmpty ? integerPart : integerPart + "." + fractionPart
        return negative ? "-" + text : text
    }
}
