import JSON

/// A parsed label selector (`tier=frontend,env in (prod,staging),!canary`),
/// with the grammar and error messages of `k8s.io/apimachinery/pkg/labels`.
struct LabelSelector: Sendable {
    enum Operator: Sendable { case equals, notEquals, `in`, notIn, exists, doesNotExist, greaterThan, lessThan }

    struct Requirement: Sendable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .equals, .in: return labels[key].map(values.contains) ?? false
            case .notEquals, .notIn: return labels[key].map { !values.contains($0) } ?? true
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            case .greaterThan, .lessThan:
                guard let v = labels[key].flatMap({ Int64($0) }), let bound = values.first.flatMap({ Int64($0) }) else {
                    return false
                }
                return op == .greaterThan ? v > bound : v < bound
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])
    var isEmpty: Bool { requirements.isEmpty }

    func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    func matches(object: JSONValue) -> Bool {
        isEmpty || matches(LabelSelector.labels(of: object))
    }

    static func labels(of object: JSONValue) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in object[path: "metadata", "labels"]?.objectValue ?? [:] { out[k] = v.stringValue ?? "" }
        return out
    }

    /// A `metav1.LabelSelector` object (`matchLabels` / `matchExpressions`), as used by
    /// Deployments and PodDisruptionBudgets.
    init(object: JSONValue) {
        var reqs: [Requirement] = []
        for (k, v) in object["matchLabels"]?.objectValue ?? [:] {
            reqs.append(Requirement(key: k, op: .equals, values: [v.stringValue ?? ""]))
        }
        for expr in object["matchExpressions"]?.arrayValue ?? [] {
            let key = expr["key"]?.stringValue ?? ""
            let values = expr["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let op: Operator
            switch expr["operator"]?.stringValue {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            default: op = .doesNotExist
            }
            reqs.append(Requirement(key: key, op: op, values: values))
        }
        requirements = reqs
    }

    init(requirements: [Requirement]) { self.requirements = requirements }

    /// Parses the query-parameter form; throws the parser message on a syntax error.
    init(parsing text: String) throws(SelectorError) {
        var lexer = Lexer(Array(text.unicodeScalars))
        var reqs: [Requirement] = []
        while true {
            let (tok, lit) = lexer.peek()
            if tok == .end { break }
            do {
                reqs.append(try Self.parseRequirement(&lexer))
            } catch {
                throw SelectorError(message: "unable to parse requirement: \(error.message)")
            }
            let (next, nextLit) = lexer.next()
            switch next {
            case .end: requirements = reqs; return
            case .comma:
                if lexer.peek().0 == .end {
                    throw SelectorError(message: "found '', expected: identifier after ','")
                }
            default:
                throw SelectorError(message: "found '\(nextLit)', expected: ',' or 'end of string'")
            }
            _ = lit
        }
        requirements = reqs
    }

    private static func parseRequirement(_ lexer: inout Lexer) throws(SelectorError) -> Requirement {
        var (tok, lit) = lexer.next()
        if tok == .not {
            (tok, lit) = lexer.next()
            guard tok == .identifier else { throw SelectorError(message: "found '\(lit)', expected: identifier") }
            return Requirement(key: lit, op: .doesNotExist, values: [])
        }
        guard tok == .identifier else {
            throw SelectorError(message: "found '\(lit)', expected: !, identifier, or 'end of string'")
        }
        let key = lit
        let (peekTok, _) = lexer.peek()
        if peekTok == .end || peekTok == .comma { return Requirement(key: key, op: .exists, values: []) }
        let (opTok, opLit) = lexer.next()
        let op: Operator
        switch opTok {
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .inOp: op = .in
        case .notInOp: op = .notIn
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default:
            throw SelectorError(message: "found '\(opLit)', expected: [!= < = == > in notin]")
        }
        if op == .in || op == .notIn {
            let (open, openLit) = lexer.next()
            guard open == .openParen else { throw SelectorError(message: "found '\(openLit)' expected: '('") }
            var values: [String] = []
            while true {
                let (t, l) = lexer.next()
                switch t {
                case .identifier:
                    values.append(l)
                    let (sep, sepLit) = lexer.next()
                    if sep == .closeParen { return Requirement(key: key, op: op, values: values) }
                    guard sep == .comma else { throw SelectorError(message: "found '\(sepLit)', expected: ',' or ')'") }
                case .closeParen: return Requirement(key: key, op: op, values: values.isEmpty ? [""] : values)
                case .comma: values.append("")
                default: throw SelectorError(message: "found '\(l)', expected: ',', ')' or identifier")
                }
            }
        }
        let (valueTok, valueLit) = lexer.peek()
        if valueTok == .identifier {
            _ = lexer.next()
            return Requirement(key: key, op: op, values: [valueLit])
        }
        if valueTok == .end || valueTok == .comma { return Requirement(key: key, op: op, values: [""]) }
        throw SelectorError(message: "found '\(valueLit)', expected: identifier")
    }

    enum Token: Equatable { case identifier, openParen, closeParen, comma, not, equals, doubleEquals, notEquals, inOp, notInOp, greaterThan, lessThan, end }

    struct Lexer {
        var chars: [Unicode.Scalar]
        var pos = 0
        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        func peek() -> (Token, String) {
            var copy = self
            return copy.next()
        }

        mutating func next() -> (Token, String) {
            while pos < chars.count, chars[pos] == " " || chars[pos] == "\t" { pos += 1 }
            guard pos < chars.count else { return (.end, "") }
            let c = chars[pos]
            switch c {
            case "(": pos += 1; return (.openParen, "(")
            case ")": pos += 1; return (.closeParen, ")")
            case ",": pos += 1; return (.comma, ",")
            case ">": pos += 1; return (.greaterThan, ">")
            case "<": pos += 1; return (.lessThan, "<")
            case "!":
                if pos + 1 < chars.count, chars[pos + 1] == "=" { pos += 2; return (.notEquals, "!=") }
                pos += 1
                return (.not, "!")
            case "=":
                if pos + 1 < chars.count, chars[pos + 1] == "=" { pos += 2; return (.doubleEquals, "==") }
                pos += 1
                return (.equals, "=")
            default:
                var word = ""
                while pos < chars.count, !" \t(),!=<>".unicodeScalars.contains(chars[pos]) {
                    word.unicodeScalars.append(chars[pos])
                    pos += 1
                }
                if word == "in" { return (.inOp, word) }
                if word == "notin" { return (.notInOp, word) }
                return (.identifier, word)
            }
        }
    }
}

/// A selector that does not parse; the message is the API server's.
struct SelectorError: Error, Sendable {
    var message: String
}
