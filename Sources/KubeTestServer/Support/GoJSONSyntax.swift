/// The syntax error Go's `encoding/json` reports for a body, word for word, so that a
/// malformed request is answered with the message a real API server sends
/// (`unexpected end of JSON input`, `invalid character 'x' looking for beginning of value`, ...).
///
/// A port of the state machine of Go's `encoding/json/scanner.go`, which `json.Unmarshal`
/// runs over the whole input before decoding anything.
enum GoJSONSyntax {
    /// Go's message for the first syntax error in `bytes`, or nil when they are valid JSON.
    static func error(in bytes: some Collection<UInt8>) -> String? {
        var scanner = Scanner()
        for byte in bytes {
            if let message = scanner.step(byte) { return message }
        }
        return scanner.end()
    }

    /// Go's `quoteChar`: the byte in single quotes, escaped like a Go string literal.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return #"'\''"#
        case UInt8(ascii: "\""): return #"'"'"#
        case UInt8(ascii: "\\"): return #"'\\'"#
        case 0x07: return #"'\a'"#
        case 0x08: return #"'\b'"#
        case 0x0C: return #"'\f'"#
        case 0x0A: return #"'\n'"#
        case 0x0D: return #"'\r'"#
        case 0x09: return #"'\t'"#
        case 0x0B: return #"'\v'"#
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(c)))'"
        default:
            let hex = String(c, radix: 16)
            return #"'\x"# + (hex.count < 2 ? "0" + hex : hex) + "'"
        }
    }

    private enum Container { case objectKey, objectValue, array }

    private enum State {
        case beginValue, beginValueOrEmpty, beginStringOrEmpty, beginString, endValue, endTop
        case inString, inStringEscape, inStringEscapeU(Int)
        case negative, zero, digits, dot, dotDigits, exponent, exponentSign, exponentDigits
        /// Inside a literal: the rest still expected and the literal's name for the message.
        case literal(rest: [UInt8], name: String)
    }

    private struct Scanner {
        var state = State.beginValue
        var stack: [Container] = []
        static let maxDepth = 10000

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
        static func isHex(_ c: UInt8) -> Bool {
            isDigit(c) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(c)
        }

        static func invalid(_ c: UInt8, _ context: String) -> String { "invalid character \(quoteChar(c)) \(context)" }

        /// Feeds one byte; returns Go's message when it is a syntax error.
        mutating func step(_ c: UInt8) -> String? {
            switch state {
            case .beginValueOrEmpty:
                if Self.isSpace(c) { return nil }
                if c == UInt8(ascii: "]") { return endValue(c) }
                return beginValue(c)
            case .beginValue:
                return beginValue(c)
            case .beginStringOrEmpty:
                if Self.isSpace(c) { return nil }
                if c == UInt8(ascii: "}") {
                    stack[stack.count - 1] = .objectValue
                    return endValue(c)
                }
                return beginString(c)
            case .beginString:
                return beginString(c)
            case .endValue:
                return endValue(c)
            case .endTop:
                return Self.isSpace(c) ? nil : Self.invalid(c, "after top-level value")
            case .inString:
                if c == UInt8(ascii: "\"") { state = .endValue } else if c == UInt8(ascii: "\\") { state = .inStringEscape } else if c < 0x20 {
                    return Self.invalid(c, "in string literal")
                }
                return nil
            case .inStringEscape:
                switch c {
                case UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"),
                     UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "\""):
                    state = .inString
                case UInt8(ascii: "u"):
                    state = .inStringEscapeU(0)
                default:
                    return Self.invalid(c, "in string escape code")
                }
                return nil
            case .inStringEscapeU(let seen):
                guard Self.isHex(c) else { return Self.invalid(c, "in \\u hexadecimal character escape") }
                state = seen == 3 ? .inString : .inStringEscapeU(seen + 1)
                return nil
            case .negative:
                if c == UInt8(ascii: "0") { state = .zero; return nil }
                if Self.isDigit(c) { state = .digits; return nil }
                return Self.invalid(c, "in numeric literal")
            case .digits:
                if Self.isDigit(c) { return nil }
                return afterInteger(c)
            case .zero:
                return afterInteger(c)
            case .dot:
                guard Self.isDigit(c) else { return Self.invalid(c, "after decimal point in numeric literal") }
                state = .dotDigits
                return nil
            case .dotDigits:
                if Self.isDigit(c) { return nil }
                if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { state = .exponent; return nil }
                return endValue(c)
            case .exponent:
                if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { state = .exponentSign; return nil }
                return exponentSign(c)
            case .exponentSign:
                return exponentSign(c)
            case .exponentDigits:
                return Self.isDigit(c) ? nil : endValue(c)
            case .literal(let rest, let name):
                guard let expected = rest.first, c == expected else {
                    let want = rest.first.map { Character(Unicode.Scalar($0)) } ?? " "
                    return Self.invalid(c, "in literal \(name) (expecting '\(want)')")
                }
                state = rest.count == 1 ? .endValue : .literal(rest: Array(rest.dropFirst()), name: name)
                return nil
            }
        }

        /// End of input: a complete top-level value is fine, anything else ended too early.
        mutating func end() -> String? {
            if case .endTop = state { return nil }
            // Go feeds a space: it completes a number at the very end, and a cut literal or
            // number reports that space ("invalid character ' ' in literal true (expecting 'e')").
            if let message = step(0x20) { return message }
            if case .endTop = state { return nil }
            return "unexpected end of JSON input"
        }

        private mutating func push(_ container: Container) -> String? {
            stack.append(container)
            return stack.count > Self.maxDepth ? "exceeded max depth" : nil
        }

        private mutating func beginValue(_ c: UInt8) -> String? {
            if Self.isSpace(c) { return nil }
            switch c {
            case UInt8(ascii: "{"):
                state = .beginStringOrEmpty
                return push(.objectKey)
            case UInt8(ascii: "["):
                state = .beginValueOrEmpty
                return push(.array)
            case UInt8(ascii: "\""): state = .inString
            case UInt8(ascii: "-"): state = .negative
            case UInt8(ascii: "0"): state = .zero
            case UInt8(ascii: "t"): state = .literal(rest: Array("rue".utf8), name: "true")
            case UInt8(ascii: "f"): state = .literal(rest: Array("alse".utf8), name: "false")
            case UInt8(ascii: "n"): state = .literal(rest: Array("ull".utf8), name: "null")
            case UInt8(ascii: "1")...UInt8(ascii: "9"): state = .digits
            default: return Self.invalid(c, "looking for beginning of value")
            }
            return nil
        }

        private mutating func beginString(_ c: UInt8) -> String? {
            if Self.isSpace(c) { return nil }
            guard c == UInt8(ascii: "\"") else { return Self.invalid(c, "looking for beginning of object key string") }
            state = .inString
            return nil
        }

        private mutating func afterInteger(_ c: UInt8) -> String? {
            if c == UInt8(ascii: ".") { state = .dot; return nil }
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { state = .exponent; return nil }
            return endValue(c)
        }

        private mutating func exponentSign(_ c: UInt8) -> String? {
            guard Self.isDigit(c) else { return Self.invalid(c, "in exponent of numeric literal") }
            state = .exponentDigits
            return nil
        }

        private mutating func endValue(_ c: UInt8) -> String? {
            guard let top = stack.last else {
                state = .endTop
                return step(c)
            }
            if Self.isSpace(c) {
                state = .endValue
                return nil
            }
            switch top {
            case .objectKey:
                guard c == UInt8(ascii: ":") else { return Self.invalid(c, "after object key") }
                stack[stack.count - 1] = .objectValue
                state = .beginValue
            case .objectValue:
                if c == UInt8(ascii: ",") {
                    stack[stack.count - 1] = .objectKey
                    state = .beginString
                } else if c == UInt8(ascii: "}") {
                    stack.removeLast()
                    state = .endValue
                } else {
                    return Self.invalid(c, "after object key:value pair")
                }
            case .array:
                if c == UInt8(ascii: ",") {
                    state = .beginValue
                } else if c == UInt8(ascii: "]") {
                    stack.removeLast()
                    state = .endValue
                } else {
                    return Self.invalid(c, "after array element")
                }
            }
            if stack.isEmpty { state = .endTop }
            return nil
        }
    }
}
