/// One `x-kubernetes-validations` rule, parsed once when its schema node is built.
/// `check` is the compile step the server runs when the CRD is written; `evaluate` runs it.
struct CELProgram: Sendable {
    let rule: CELRule
    let expression: Result<CELExpr, CELSyntaxError>
    let messageExpression: Result<CELExpr, CELSyntaxError>?
    /// A transition rule: it mentions `oldSelf`, so it only runs when an old value exists.
    let usesOldSelf: Bool

    init(rule: CELRule) {
        self.rule = rule
        switch Result(catching: { () throws(CELSyntaxError) -> CELExpr in try CELParser.parse(rule.rule) }) {
        case .success(let e):
            expression = .success(e)
            usesOldSelf = e.references("oldSelf")
        case .failure(let error):
            expression = .failure(error)
            usesOldSelf = false
        }
        if let source = rule.messageExpression, !source.isEmpty {
            messageExpression = Result(catching: { () throws(CELSyntaxError) -> CELExpr in try CELParser.parse(source) })
        } else {
            messageExpression = nil
        }
    }

    /// The compile errors the server reports for this rule at `node` (`rule` and
    /// `messageExpression` details, e.g. `compilation failed: ERROR: <input>:1:5: undefined field 'x'...`).
    func check(node: SchemaNode, resourceRoot: Bool) -> (rule: String?, messageExpression: String?) {
        let selfType = CELType.of(node, resourceRoot: resourceRoot)
        let oldSelfType: CELType = rule.optionalOldSelf == true ? .optional(selfType) : selfType
        let variables: [String: CELType] = ["self": selfType, "oldSelf": oldSelfType]
        var ruleError: String?
        if !rule.rule.goTrimSpace.isEmpty {
            switch expression {
            case .failure(let error):
                ruleError = "compilation failed: " + Self.display(rule.rule, offset: error.offset, message: error.message)
            case .success(let e):
                var checker = CELChecker(variables: variables)
                switch Result(catching: { () throws(CELChecker.Failure) -> CELType in try checker.check(e) }) {
                case .failure(let failure):
                    ruleError = "compilation failed: " + Self.display(rule.rule, offset: failure.offset, message: failure.message)
                case .success(let type):
                    switch type {
                    case .bool, .dyn: break
                    default: ruleError = "cel expression must evaluate to a bool"
                    }
                }
            }
        }
        var messageError: String?
        if let messageExpression, let source = rule.messageExpression {
            switch messageExpression {
            case .failure(let error):
                messageError = "messageExpression compilation failed: " + Self.display(source, offset: error.offset, message: error.message)
            case .success(let e):
                var checker = CELChecker(variables: variables)
                switch Result(catching: { () throws(CELChecker.Failure) -> CELType in try checker.check(e) }) {
                case .failure(let failure):
                    messageError = "messageExpression compilation failed: " + Self.display(source, offset: failure.offset, message: failure.message)
                case .success(let type):
                    switch type {
                    case .string, .dyn: break
                    default: messageError = "must evaluate to a string"
                    }
                }
            }
        }
        return (ruleError, messageError)
    }

    /// cel-go's issue rendering: `ERROR: <input>:line:col: message`, the source line, and a caret.
    static func display(_ source: String, offset: Int, message: String) -> String {
        let scalars = Array(source.unicodeScalars)
        var line = 1
        var lineStart = 0
        for (i, c) in scalars.enumerated() where i < offset && c == "\n" {
            line += 1
            lineStart = i + 1
        }
        let column = max(0, offset - lineStart)
        var lineEnd = lineStart
        while lineEnd < scalars.count && scalars[lineEnd] != "\n" { lineEnd += 1 }
        let text = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        return "ERROR: <input>:\(line):\(column + 1): \(message)\n | \(text)\n | \(String(repeating: ".", count: column))^"
    }

    /// Runs the rule: true/false, or the runtime error.
    func evaluate(self value: CELValue, oldSelf: CELValue?) -> Result<Bool, CELEvalError> {
        guard case .success(let e) = expression else { return .failure(CELEvalError("rule does not compile")) }
        var variables: [String: CELValue] = ["self": value]
        if let oldSelf { variables["oldSelf"] = oldSelf }
        var evaluator = CELEvaluator(variables: variables)
        switch Result(catching: { () throws(CELEvalError) -> CELValue in try evaluator.evaluate(e) }) {
        case .success(.bool(let b)): return .success(b)
        case .success: return .failure(.noSuchOverload)
        case .failure(let error): return .failure(error)
        }
    }

    /// The evaluated `messageExpression`, or nil when it is absent, fails, or is unusable.
    func message(self value: CELValue, oldSelf: CELValue?) -> String? {
        guard case .success(let e)? = messageExpression else { return nil }
        var variables: [String: CELValue] = ["self": value]
        if let oldSelf { variables["oldSelf"] = oldSelf }
        var evaluator = CELEvaluator(variables: variables)
        guard case .success(.string(let text)) = Result(catching: { () throws(CELEvalError) -> CELValue in try evaluator.evaluate(e) }) else {
            return nil
        }
        let trimmed = text.goTrimSpace
        guard !trimmed.isEmpty, !trimmed.contains("\n"), trimmed.utf8.count <= 5000 else { return nil }
        return trimmed
    }
}
