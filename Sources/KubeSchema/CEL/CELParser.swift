/// A recursive-descent parser for the CEL grammar (cel-spec "Syntax"), expanding the
/// standard macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) while parsing.
struct CELParser {
    private let tokens: [CELToken]
    private var p = 0
    /// Bounds recursion so hostile input cannot exhaust the stack (cel-go limits nesting too).
    private var depth = 0
    private static let maxDepth = 250

    static func parse(_ source: String) throws(CELSyntaxError) -> CELExpr {
        var parser = CELParser(tokens: try CELLexer.tokenize(source))
        let expr = try parser.expression()
        let last = parser.current
        guard last.kind == .end else {
            throw CELSyntaxError(offset: last.offset, message: "Syntax error: extraneous input \(Self.describe(last)) expecting <EOF>")
        }
        return expr
    }

    private init(tokens: [CELToken]) { self.tokens = tokens }

    private var current: CELToken { tokens[min(p, tokens.count - 1)] }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    private static func describe(_ token: CELToken) -> String {
        switch token.kind {
        case .end: return "'<EOF>'"
        case .identifier(let s): return "'\(s)'"
        case .symbol(let s): return "'\(s)'"
        case .int(let v): return "'\(v)'"
        case .uint(let v): return "'\(v)u'"
        case .double(let v): return "'\(v)'"
        case .string(let s): return "'\"\(s)\"'"
        case .bytes: return "'b\"...\"'"
        }
    }

    private mutating func expect(_ s: String) throws(CELSyntaxError) {
        guard isSymbol(s) else {
            throw CELSyntaxError(offset: current.offset, message: "Syntax error: mismatched input \(Self.describe(current)) expecting '\(s)'")
        }
        p += 1
    }

    private mutating func enter() throws(CELSyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw CELSyntaxError(offset: current.offset, message: "Syntax error: expression recursion limit exceeded")
        }
    }

    // Expr = ConditionalOr ["?" ConditionalOr ":" Expr]
    private mutating func expression() throws(CELSyntaxError) -> CELExpr {
        try enter()
        defer { depth -= 1 }
        let condition = try conditionalOr()
        guard isSymbol("?") else { return condition }
        let at = current.offset
        p += 1
        let then = try conditionalOr()
        try expect(":")
        let otherwise = try expression()
        return CELExpr(.conditional(condition, then, otherwise), at: at)
    }

    private mutating func conditionalOr() throws(CELSyntaxError) -> CELExpr {
        var left = try conditionalAnd()
        while isSymbol("||") {
            let at = current.offset
            p += 1
            left = CELExpr(.or(left, try conditionalAnd()), at: at)
        }
        return left
    }

    private mutating func conditionalAnd() throws(CELSyntaxError) -> CELExpr {
        var left = try relation()
        while isSymbol("&&") {
            let at = current.offset
            p += 1
            left = CELExpr(.and(left, try relation()), at: at)
        }
        return left
    }

    private mutating func relation() throws(CELSyntaxError) -> CELExpr {
        var left = try addition()
        while true {
            let op: String
            switch current.kind {
            case .symbol(let s) where ["<", "<=", ">", ">=", "==", "!="].contains(s): op = s
            case .identifier("in"): op = "in"
            default: return left
            }
            let at = current.offset
            p += 1
            left = CELExpr(.binary(op, left, try addition()), at: at)
        }
    }

    private mutating func addition() throws(CELSyntaxError) -> CELExpr {
        var left = try multiplication()
        while isSymbol("+") || isSymbol("-") {
            guard case .symbol(let op) = current.kind else { break }
            let at = current.offset
            p += 1
            left = CELExpr(.binary(op, left, try multiplication()), at: at)
        }
        return left
    }

    private mutating func multiplication() throws(CELSyntaxError) -> CELExpr {
        var left = try unary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            guard case .symbol(let op) = current.kind else { break }
            let at = current.offset
            p += 1
            left = CELExpr(.binary(op, left, try unary()), at: at)
        }
        return left
    }

    private mutating func unary() throws(CELSyntaxError) -> CELExpr {
        guard isSymbol("!") || isSymbol("-"), case .symbol(let op) = current.kind else { return try member() }
        let at = current.offset
        p += 1
        // `-literal` is a negative literal in the grammar, as long as no member access follows.
        if op == "-" && !followedByMember() {
            switch current.kind {
            case .int(let v): p += 1; return CELExpr(.literal(.int(-v)), at: at)
            case .double(let v): p += 1; return CELExpr(.literal(.double(-v)), at: at)
            default: break
            }
        }
        try enter()
        defer { depth -= 1 }
        return CELExpr(.unary(op, try unary()), at: at)
    }

    private func followedByMember() -> Bool {
        let next = tokens[min(p + 1, tokens.count - 1)]
        return next.kind == .symbol(".") || next.kind == .symbol("[")
    }

    private mutating func member() throws(CELSyntaxError) -> CELExpr {
        var operand = try primary()
        while true {
            if isSymbol(".") {
                let at = current.offset
                p += 1
                var optional = false
                if isSymbol("?") { optional = true; p += 1 }
                guard case .identifier(let name) = current.kind else {
                    throw CELSyntaxError(offset: current.offset, message: "Syntax error: mismatched input \(Self.describe(current)) expecting IDENTIFIER")
                }
                let nameAt = current.offset
                p += 1
                if !optional && isSymbol("(") {
                    p += 1
                    let args = try argumentList(closing: ")")
                    operand = try memberCall(operand, name, args, at: nameAt, dotAt: at)
                } else {
                    operand = CELExpr(.select(operand, name, optional: optional), at: at)
                }
            } else if isSymbol("[") {
                let at = current.offset
                p += 1
                var optional = false
                if isSymbol("?") { optional = true; p += 1 }
                let index = try expression()
                try expect("]")
                operand = CELExpr(.index(operand, index, optional: optional), at: at)
            } else {
                return operand
            }
        }
    }

    private mutating func argumentList(closing: String) throws(CELSyntaxError) -> [CELExpr] {
        var args: [CELExpr] = []
        if isSymbol(closing) { p += 1; return args }
        while true {
            args.append(try expression())
            if isSymbol(",") {
                p += 1
                if isSymbol(closing) && closing != ")" { p += 1; return args }
                continue
            }
            try expect(closing)
            return args
        }
    }

    private func macroVariable(_ e: CELExpr) throws(CELSyntaxError) -> String {
        guard case .ident(let name) = e.kind else {
            throw CELSyntaxError(offset: e.offset, message: "argument must be a simple name")
        }
        return name
    }

    private func memberCall(_ target: CELExpr, _ name: String, _ args: [CELExpr], at: Int, dotAt: Int) throws(CELSyntaxError) -> CELExpr {
        let macro: CELExpr.Comprehension.Macro?
        switch (name, args.count) {
        case ("all", 2): macro = .all
        case ("exists", 2): macro = .exists
        case ("exists_one", 2): macro = .existsOne
        case ("map", 2), ("map", 3): macro = .map
        case ("filter", 2): macro = .filter
        default: macro = nil
        }
        if let macro {
            let variable = try macroVariable(args[0])
            let comprehension: CELExpr.Comprehension
            if args.count == 3 {
                comprehension = .init(macro: macro, range: target, variable: variable, body: args[2], filter: args[1])
            } else {
                comprehension = .init(macro: macro, range: target, variable: variable, body: args[1], filter: nil)
            }
            return CELExpr(.comprehension(comprehension), at: at)
        }
        return CELExpr(.call(target: target, name: name, args: args), at: at)
    }

    private mutating func primary() throws(CELSyntaxError) -> CELExpr {
        let token = current
        switch token.kind {
        case .int(let v): p += 1; return CELExpr(.literal(.int(v)), at: token.offset)
        case .uint(let v): p += 1; return CELExpr(.literal(.uint(v)), at: token.offset)
        case .double(let v): p += 1; return CELExpr(.literal(.double(v)), at: token.offset)
        case .string(let s): p += 1; return CELExpr(.literal(.string(s)), at: token.offset)
        case .bytes(let b): p += 1; return CELExpr(.literal(.bytes(b)), at: token.offset)
        case .identifier(let name):
            p += 1
            switch name {
            case "true": return CELExpr(.literal(.bool(true)), at: token.offset)
            case "false": return CELExpr(.literal(.bool(false)), at: token.offset)
            case "null": return CELExpr(.literal(.null), at: token.offset)
            case "in":
                throw CELSyntaxError(offset: token.offset, message: "Syntax error: mismatched input 'in'")
            default: break
            }
            if CELLexer.reserved.contains(name) {
                throw CELSyntaxError(offset: token.offset, message: "reserved identifier: \(name)")
            }
            if isSymbol("(") {
                p += 1
                let args = try argumentList(closing: ")")
                if name == "has" {
                    guard args.count == 1, case .select(let operand, let field, false) = args[0].kind else {
                        throw CELSyntaxError(offset: token.offset, message: "invalid argument to has() macro")
                    }
                    return CELExpr(.has(operand, field), at: token.offset)
                }
                return CELExpr(.call(target: nil, name: name, args: args), at: token.offset)
            }
            return CELExpr(.ident(name), at: token.offset)
        case .symbol("("):
            p += 1
            let inner = try expression()
            try expect(")")
            return inner
        case .symbol("["):
            p += 1
            try enter()
            defer { depth -= 1 }
            return CELExpr(.list(try argumentList(closing: "]")), at: token.offset)
        case .symbol("{"):
            p += 1
            try enter()
            defer { depth -= 1 }
            var entries: [(key: CELExpr, value: CELExpr)] = []
            if isSymbol("}") { p += 1; return CELExpr(.map(entries), at: token.offset) }
            while true {
                let key = try expression()
                try expect(":")
                let value = try expression()
                entries.append((key, value))
                if isSymbol(",") {
                    p += 1
                    if isSymbol("}") { p += 1; break }
                    continue
                }
                try expect("}")
                break
            }
            return CELExpr(.map(entries), at: token.offset)
        case .symbol("."):
            // A leading dot names the root scope: `.self` is `self`.
            p += 1
            guard case .identifier = current.kind else {
                throw CELSyntaxError(offset: current.offset, message: "Syntax error: mismatched input \(Self.describe(current)) expecting IDENTIFIER")
            }
            return try primary()
        default:
            throw CELSyntaxError(offset: token.offset, message: "Syntax error: mismatched input \(Self.describe(token)) expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}")
        }
    }
}
