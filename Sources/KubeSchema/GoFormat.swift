import JSON

/// Go's text formatting of values, because the API server's messages are built with
/// `fmt` (`%v`, `%q`) and `encoding/json`, and clients compare those messages verbatim.
enum GoFormat {
    /// How `field.Error.ErrorBody()` prints a bad value: numbers and booleans with `%v`,
    /// strings with `%q`, null as `null`, objects and arrays as JSON.
    static func errorValue(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return float(d)
        case .string(let s): return quote(s)
        case .array, .object: return json(value)
        }
    }

    /// `%v` of a float64 (`%g` with the shortest representation: `1`, `0.5`, `1e+06`).
    static func float(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, dp) = shortestDigits(abs(d))
        let sign = d < 0 ? "-" : ""
        let exp = dp - 1
        if exp < -4 || exp >= 6 {
            return sign + exponentForm(digits, exp)
        }
        return sign + fixedForm(digits, dp)
    }

    /// `encoding/json` of a float64: fixed notation, exponent below 1e-6 and from 1e21 on.
    static func jsonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        let (digits, dp) = shortestDigits(abs(d))
        let sign = d < 0 ? "-" : ""
        if abs(d) < 1e-6 || abs(d) >= 1e21 {
            var text = exponentForm(digits, dp - 1)
            // Go cleans up e-09 to e-9 (only for negative exponents).
            if let range = text.range(of: "e-0") { text.replaceSubrange(range, with: "e-") }
            return sign + text
        }
        return sign + fixedForm(digits, dp)
    }

    /// Shortest round-trip decimal digits of a positive finite double, as `0.d1d2... × 10^dp`.
    static func shortestDigits(_ d: Double) -> (digits: [Character], dp: Int) {
        let text = "\(d)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(intPart) + Array(fracPart)
        var dp = intPart.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            dp -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        return (digits, dp)
    }

    private static func exponentForm(_ digits: [Character], _ exp: Int) -> String {
        var out = String(digits[0])
        if digits.count > 1 { out += "." + String(digits[1...]) }
        out += exp < 0 ? "e-" : "e+"
        let magnitude = abs(exp)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    private static func fixedForm(_ digits: [Character], _ dp: Int) -> String {
        if dp <= 0 { return "0." + String(repeating: "0", count: -dp) + String(digits) }
        if dp >= digits.count { return String(digits) + String(repeating: "0", count: dp - digits.count) }
        return String(digits[..<dp]) + "." + String(digits[dp...])
    }

    /// `strconv.Quote`: printable characters as they are, the rest escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if isPrint(scalar) {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                switch scalar.value {
                case 0x07: out += "\\a"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x0B: out += "\\v"
                case let v where v < 0x20 || v == 0x7F: out += "\\x" + hex(v, width: 2)
                case let v where v < 0x10000: out += "\\u" + hex(v, width: 4)
                case let v: out += "\\U" + hex(v, width: 8)
                }
            }
        }
        return out + "\""
    }

    /// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `encoding/json.Marshal` of an unstructured value: map keys sorted byte-wise, HTML
    /// characters escaped, numbers in Go's float format.
    static func json(_ value: JSONValue) -> String {
        var out = ""
        writeJSON(value, to: &out)
        return out
    }

    private static func writeJSON(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += jsonFloat(d)
        case .string(let s): writeJSONString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                writeJSON(item, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                writeJSONString(key, to: &out)
                out += ":"
                if let member = members[key] { writeJSON(member, to: &out) }
            }
            out += "}"
        }
    }

    private static func writeJSONString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x3C, 0x3E, 0x26, 0x2028, 0x2029: out += "\\u" + hex(scalar.value, width: 4)
            case let v where v < 0x20: out += "\\u" + hex(v, width: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
