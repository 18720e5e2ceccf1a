/// Splits a CEL expression into tokens (cel-spec "Syntax": identifiers, int/uint/double
/// literals, raw/triple-quoted/bytes string literals with all escapes, operators).
struct CELLexer {
    private let chars: [Unicode.Scalar]
    private var i = 0

    /// Words the grammar reserves: using one as an identifier is a syntax error.
    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    init(_ source: String) { chars = Array(source.unicodeScalars) }

    static func tokenize(_ source: String) throws(CELSyntaxError) -> [CELToken] {
        var lexer = CELLexer(source)
        var out: [CELToken] = []
        while true {
            let token = try lexer.next()
            out.append(token)
            if token.kind == .end { return out }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        i + ahead < chars.count ? chars[i + ahead] : nil
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }
    private static func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }
    private static func isIdentStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    mutating func next() throws(CELSyntaxError) -> CELToken {
        skipSpaceAndComments()
        let start = i
        guard let c = peek() else { return CELToken(kind: .end, offset: i) }
        if Self.isIdentStart(c) {
            var name = ""
            while let d = peek(), Self.isIdentStart(d) || Self.isDigit(d) {
                name.unicodeScalars.append(d)
                i += 1
            }
            // String prefixes: r"..", b"..", rb"..", br"..".
            if let q = peek(), q == "\"" || q == "'", name.count <= 2,
               name.lowercased() == "r" || name.lowercased() == "b" || name.lowercased() == "rb" || name.lowercased() == "br" {
                let lower = name.lowercased()
                return try stringLiteral(start: start, raw: lower.contains("r"), bytes: lower.contains("b"))
            }
            return CELToken(kind: .identifier(name), offset: start)
        }
        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) {
            return try number(start: start)
        }
        if c == "\"" || c == "'" {
            return try stringLiteral(start: start, raw: false, bytes: false)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
            i += 2
            return CELToken(kind: .symbol(two), offset: start)
        }
        if "<>!?:.,[](){}+-*/%".unicodeScalars.contains(c) {
            i += 1
            return CELToken(kind: .symbol(String(c)), offset: start)
        }
        if c == "=" {
            throw CELSyntaxError(offset: start, message: "token recognition error at: '='")
        }
        throw CELSyntaxError(offset: start, message: "token recognition error at: '\(String(c))'")
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else {
                return
            }
        }
    }

    private mutating func number(start: Int) throws(CELSyntaxError) -> CELToken {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            var digits = ""
            while Self.isHex(peek()), let d = peek() { digits.unicodeScalars.append(d); i += 1 }
            let unsigned = consumeUnsignedSuffix()
            if unsigned {
                guard let v = UInt64(digits, radix: 16) else { throw CELSyntaxError(offset: start, message: "invalid uint literal") }
                return CELToken(kind: .uint(v), offset: start)
            }
            guard let v = Int64(digits, radix: 16) else { throw CELSyntaxError(offset: start, message: "invalid int literal") }
            return CELToken(kind: .int(v), offset: start)
        }
        var text = ""
        var isDouble = false
        while Self.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
        if peek() == ".", Self.isDigit(peek(1)) {
            isDouble = true
            text.append(".")
            i += 1
            while Self.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var j = 1
            if let s = peek(1), s == "+" || s == "-" { j = 2 }
            if Self.isDigit(peek(j)) {
                isDouble = true
                for _ in 0..<j { if let d = peek() { text.unicodeScalars.append(d) }; i += 1 }
                while Self.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
            }
        }
        if isDouble {
            guard let v = Double(text) else { throw CELSyntaxError(offset: start, message: "invalid double literal") }
            return CELToken(kind: .double(v), offset: start)
        }
        if consumeUnsignedSuffix() {
            guard let v = UInt64(text) else { throw CELSyntaxError(offset: start, message: "invalid uint literal") }
            return CELToken(kind: .uint(v), offset: start)
        }
        guard let v = Int64(text) else { throw CELSyntaxError(offset: start, message: "invalid int literal") }
        return CELToken(kind: .int(v), offset: start)
    }

    private mutating func consumeUnsignedSuffix() -> Bool {
        if let u = peek(), u == "u" || u == "U" { i += 1; return true }
        return false
    }

    private mutating func stringLiteral(start: Int, raw: Bool, bytes: Bool) throws(CELSyntaxError) -> CELToken {
        guard let quote = peek() else { throw CELSyntaxError(offset: start, message: "unterminated string") }
        let triple = peek(1) == quote && peek(2) == quote
        i += triple ? 3 : 1
        var out: [UInt8] = []
        func appendScalar(_ s: Unicode.Scalar) { out += Array(String(s).utf8) }
        while true {
            guard let c = peek() else {
                throw CELSyntaxError(offset: start, message: "token recognition error at: '\(String(quote))'")
            }
            if c == quote {
                if !triple { i += 1; break }
                if peek(1) == quote && peek(2) == quote { i += 3; break }
            }
            if !triple && (c == "\n" || c == "\r") {
                throw CELSyntaxError(offset: start, message: "token recognition error at: '\(String(quote))'")
            }
            if c == "\\" && !raw {
                guard let e = peek(1) else { throw CELSyntaxError(offset: i, message: "unterminated escape") }
                i += 2
                switch e {
                case "a": out.append(7)
                case "b": out.append(8)
                case "f": out.append(12)
                case "n": out.append(10)
                case "r": out.append(13)
                case "t": out.append(9)
                case "v": out.append(11)
                case "\\", "'", "\"", "`", "?": appendScalar(e)
                case "x", "X":
                    let v = try hexDigits(2, at: i - 2)
                    if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { appendScalar(s) }
                case "u", "U":
                    let v = try hexDigits(e == "u" ? 4 : 8, at: i - 2)
                    guard !bytes, let s = Unicode.Scalar(v) else {
                        throw CELSyntaxError(offset: i - 2, message: "invalid unicode escape")
                    }
                    appendScalar(s)
                case "0"..."3":
                    guard let o1 = peek(), let o2 = peek(1), ("0"..."7").contains(o1), ("0"..."7").contains(o2) else {
                        throw CELSyntaxError(offset: i - 2, message: "invalid octal escape")
                    }
                    i += 2
                    let v = (e.value - 48) * 64 + (o1.value - 48) * 8 + (o2.value - 48)
                    if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { appendScalar(s) }
                default:
                    throw CELSyntaxError(offset: i - 2, message: "invalid escape sequence '\\\(String(e))'")
                }
                continue
            }
            appendScalar(c)
            i += 1
        }
        if bytes { return CELToken(kind: .bytes(out), offset: start) }
        return CELToken(kind: .string(String(decoding: out, as: UTF8.self)), offset: start)
    }

    private mutating func hexDigits(_ count: Int, at offset: Int) throws(CELSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<count {
            guard let c = peek(), Self.isHex(c), let d = UInt32(String(c), radix: 16) else {
                throw CELSyntaxError(offset: offset, message: "invalid escape sequence")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}
