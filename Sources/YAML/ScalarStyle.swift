/// Chooses how a string is written so that it reads back as the same string:
/// plain when safe, a literal block for multi-line text, double-quoted
/// (with escapes) otherwise.
enum ScalarStyle {
    /// Characters that may not start a plain scalar (YAML indicators). A
    /// leading `-` is fine unless a space follows (`--port` stays plain, as
    /// in kubectl's output).
    private static let leadingIndicators = Set("?:,[]{}#&*!|>'\"%@`".unicodeScalars)

    /// True when `s` can be written without quotes and is read back as the
    /// same string: not something go-yaml resolves to another type (or quotes
    /// on output: timestamps, base-60 numbers), and free of YAML syntax.
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        if leadingIndicators.contains(first) || first == " " || last == " " || last == ":" { return false }
        if s == "-" || s.hasPrefix("- ") || s.hasPrefix("---") || s.hasPrefix("...") || s == "<<" || s == "=" {
            return false
        }
        var previous: Unicode.Scalar = " "
        for scalar in s.unicodeScalars {
            if !isPrintable(scalar) || isLineBreak(scalar) { return false }
            if scalar == " " && previous == ":" { return false }
            if scalar == "#" && previous == " " { return false }
            previous = scalar
        }
        guard ScalarResolver.implicit(s, tag: "").0 == .str else { return false }
        let bytes = Array(s.utf8)
        // Also quote what other YAML readers take as numbers (`1e400`, `1:30`).
        if GoNumber.isYAMLStyleFloat(bytes.filter { $0 != UInt8(ascii: "_") }) || isBase60(bytes) { return false }
        return true
    }

    /// `|`, `|-` or `|+` (with an indentation indicator when the text starts
    /// with a space or tab) and the lines at `contentIndent`; nil when a
    /// literal block cannot hold `s` exactly (no line break, carriage returns,
    /// control characters, whitespace before a line break).
    static func literalBlock(_ s: String, contentIndent: Int) -> String? {
        guard s.contains("\n") else { return nil }
        var previous: Unicode.Scalar = "x"
        var hasContent = false
        for scalar in s.unicodeScalars {
            if scalar == "\n" {
                if previous == " " || previous == "\t" { return nil }
            } else {
                if scalar != "\t" && (!isPrintable(scalar) || isLineBreak(scalar)) { return nil }
                hasContent = true
            }
            previous = scalar
        }
        if !hasContent || previous == " " || previous == "\t" { return nil }

        var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        var trailingBreaks = 0
        for line in lines.reversed() {
            guard line.isEmpty else { break }
            trailingBreaks += 1
        }
        if s.hasSuffix("\n") { lines.removeLast() }
        let chomping = trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+"
        let firstText = lines.first { !$0.isEmpty }
        let needsIndicator = firstText.map { $0.hasPrefix(" ") || $0.hasPrefix("\t") } ?? false
        // Content always sits 2 columns right of its collection's column, so the indicator is 2.
        var out = "|" + (needsIndicator ? "2" : "") + chomping
        let indent = String(repeating: " ", count: contentIndent)
        for line in lines {
            out += "\n"
            if !line.isEmpty { out += indent + line }
        }
        return out
    }

    /// A double-quoted scalar with YAML escapes for anything not printable.
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\u{0B}": out += "\\v"
            case "\u{0C}": out += "\\f"
            case "\r": out += "\\r"
            case "\u{1B}": out += "\\e"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                    out += prefix + String(repeating: "0", count: width - hex.count) + hex
                }
            }
        }
        return out + "\""
    }

    /// libyaml's `IS_PRINTABLE` (what it accepts unescaped), minus the line feed.
    static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
        case 0xE000...0xFFFD: return c.value != 0xFEFF
        default: return false
        }
    }

    /// Characters YAML treats as line breaks (and would normalise).
    static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`,
    /// which it quotes on output for YAML 1.1 readers.
    static func isBase60(_ s: [UInt8]) -> Bool {
        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        var i = 0
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        guard i < s.count, isDigit(s[i]) else { return false }
        i += 1
        while i < s.count, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < s.count, s[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: one or two digits, the first of two at most 5.
            guard i < s.count, isDigit(s[i]) else { return false }
            if i + 1 < s.count, isDigit(s[i + 1]), s[i] <= UInt8(ascii: "5") { i += 2 } else { i += 1 }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == s.count
    }
}
