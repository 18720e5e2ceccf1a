extension LabelSelector {
    /// Parses the query-parameter syntax; throws an error naming the position and the problem.
    ///
    /// Keys must be qualified names (`[prefix/]name`) and values valid label values, as the API
    /// server requires; whitespace around tokens is ignored.
    public init(parsing text: String) throws(LabelSelectorError) {
        var parser = SelectorParser(text)
        requirements = try parser.parse()
    }
}

/// A recursive-descent parser over the tokens of `k8s.io/apimachinery/pkg/labels`.
struct SelectorParser {
    enum Token: Equatable {
        case identifier(String)
        case not, equals, doubleEquals, notEquals, `in`, notIn, openParen, closeParen, comma, greaterThan, lessThan, end

        var display: String {
            switch self {
            case .identifier(let s): return "'\(s)'"
            case .not: return "'!'"
            case .equals: return "'='"
            case .doubleEquals: return "'=='"
            case .notEquals: return "'!='"
            case .in: return "'in'"
            case .notIn: return "'notin'"
            case .openParen: return "'('"
            case .closeParen: return "')'"
            case .comma: return "','"
            case .greaterThan: return "'>'"
            case .lessThan: return "'<'"
            case .end: return "end of selector"
            }
        }
    }

    let text: String
    let scalars: [Unicode.Scalar]
    var offset = 0

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    mutating func parse() throws(LabelSelectorError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        if peek().token == .end { return requirements }
        while true {
            requirements.append(try parseRequirement())
            let (token, position) = next()
            switch token {
            case .end:
                return requirements
            case .comma:
                if peek().token == .end { throw error(at: peek().position, "expected a requirement after ','") }
            default:
                throw error(at: position, "expected ',' or end of selector, found \(token.display)")
            }
        }
    }

    mutating func parseRequirement() throws(LabelSelectorError) -> LabelSelector.Requirement {
        var (token, position) = next()
        if token == .not {
            (token, position) = next()
            guard case .identifier(let key) = token else {
                throw error(at: position, "expected a label key after '!', found \(token.display)")
            }
            try validateKey(key, at: position)
            return LabelSelector.Requirement(key: key, op: .doesNotExist)
        }
        guard case .identifier(let key) = token else {
            throw error(at: position, "expected a label key or '!', found \(token.display)")
        }
        try validateKey(key, at: position)
        let following = peek().token
        if following == .end || following == .comma { return LabelSelector.Requirement(key: key, op: .exists) }

        let (opToken, opPosition) = next()
        switch opToken {
        case .equals, .doubleEquals, .notEquals:
            let op: LabelSelector.Operator = opToken == .notEquals ? .notEquals : .equals
            let (valueToken, valuePosition) = peek()
            switch valueToken {
            case .identifier(let value):
                _ = next()
                try validateValue(value, at: valuePosition)
                return LabelSelector.Requirement(key: key, op: op, values: [value])
            case .end, .comma:
                return LabelSelector.Requirement(key: key, op: op, values: [""])
            default:
                throw error(at: valuePosition, "expected a value after \(opToken.display), found \(valueToken.display)")
            }
        case .greaterThan, .lessThan:
            let (valueToken, valuePosition) = next()
            guard case .identifier(let value) = valueToken, Int64(value) != nil else {
                throw error(at: valuePosition, "\(opToken.display) needs an integer value, found \(valueToken.display)")
            }
            return LabelSelector.Requirement(key: key, op: opToken == .greaterThan ? .greaterThan : .lessThan, values: [value])
        case .in, .notIn:
            let (open, openPosition) = next()
            guard open == .openParen else {
                throw error(at: openPosition, "expected '(' after \(opToken.display), found \(open.display)")
            }
            var values: [String] = []
            while true {
                let (valueToken, valuePosition) = next()
                guard case .identifier(let value) = valueToken else {
                    let what = values.isEmpty ? "\(opToken.display) needs at least one value" : "expected a value"
                    throw error(at: valuePosition, "\(what), found \(valueToken.display)")
                }
                try validateValue(value, at: valuePosition)
                values.append(value)
                let (separator, separatorPosition) = next()
                if separator == .closeParen { break }
                guard separator == .comma else {
                    throw error(at: separatorPosition, "expected ',' or ')' in the value list, found \(separator.display)")
                }
            }
            return LabelSelector.Requirement(key: key, op: opToken == .in ? .in : .notIn, values: values)
        default:
            throw error(at: opPosition, "expected one of = == != in notin > < after key '\(key)', found \(opToken.display)")
        }
    }

    // MARK: - Validation (the API server rejects the same inputs)

    func validateKey(_ key: String, at position: Int) throws(LabelSelectorError) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw error(at: position, "label key '\(key)' has more than one '/'") }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253, Self.isDNSSubdomain(prefix) else {
                throw error(at: position, "label key prefix '\(prefix)' must be a lowercase DNS subdomain (at most 253 characters)")
            }
        }
        let name = parts[parts.count - 1]
        guard !name.isEmpty, name.count <= 63, Self.isLabelToken(name) else {
            throw error(at: position, "label key '\(key)': the name part must be 1-63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit")
        }
    }

    func validateValue(_ value: String, at position: Int) throws(LabelSelectorError) {
        guard value.isEmpty || (value.count <= 63 && Self.isLabelToken(Substring(value))) else {
            throw error(at: position, "label value '\(value)' must be at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit")
        }
    }

    static func isLabelToken(_ s: Substring) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return s.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    static func isDNSSubdomain(_ s: Substring) -> Bool {
        s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.unicodeScalars.first, let last = label.unicodeScalars.last,
                  isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
            return label.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
        }
    }

    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    static func isLowerAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    func error(at position: Int, _ message: String) -> LabelSelectorError {
        LabelSelectorError(selector: text, position: position, message: message)
    }

    // MARK: - Lexer

    static func isSpecial(_ c: Unicode.Scalar) -> Bool {
        c == "!" || c == "=" || c == "(" || c == ")" || c == "," || c == ">" || c == "<"
    }

    func peek() -> (token: Token, position: Int) {
        var copy = self
        return copy.next()
    }

    mutating func next() -> (token: Token, position: Int) {
        while offset < scalars.count, scalars[offset].properties.isWhitespace { offset += 1 }
        let start = offset
        guard offset < scalars.count else { return (.end, start) }
        let c = scalars[offset]
        offset += 1
        let following: Unicode.Scalar? = offset < scalars.count ? scalars[offset] : nil
        switch c {
        case "!":
            if following == "=" { offset += 1; return (.notEquals, start) }
            return (.not, start)
        case "=":
            if following == "=" { offset += 1; return (.doubleEquals, start) }
            return (.equals, start)
        case "(": return (.openParen, start)
        case ")": return (.closeParen, start)
        case ",": return (.comma, start)
        case ">": return (.greaterThan, start)
        case "<": return (.lessThan, start)
        default:
            while offset < scalars.count, !scalars[offset].properties.isWhitespace, !Self.isSpecial(scalars[offset]) {
                offset += 1
            }
            var word = ""
            word.unicodeScalars.append(contentsOf: scalars[start..<offset])
            switch word {
            case "in": return (.in, start)
            case "notin": return (.notIn, start)
            default: return (.identifier(word), start)
            }
        }
    }
}
