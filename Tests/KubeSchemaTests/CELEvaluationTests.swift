import JSON
@testable import KubeSchema
import Testing

/// The CEL interpreter on its own: literals, operators, macros, library functions and
/// cel-go's error semantics.
@Suite struct CELEvaluationTests {
    /// Evaluates `source` with `self` bound to `selfJSON` (no schema: JSON types).
    func eval(_ source: String, self selfJSON: String = "{}") throws -> Result<CELValue, CELEvalError> {
        let expr = try CELParser.parse(source)
        var evaluator = CELEvaluator(variables: ["self": CELValue.dynamic(try Fixtures.json(selfJSON))])
        return Result { () throws(CELEvalError) -> CELValue in try evaluator.evaluate(expr) }
    }

    func value(_ source: String, self selfJSON: String = "{}") throws -> String? {
        switch try eval(source, self: selfJSON) {
        case .success(let v): return v.displayString
        case .failure: return nil
        }
    }

    func error(_ source: String, self selfJSON: String = "{}") throws -> String? {
        switch try eval(source, self: selfJSON) {
        case .success: return nil
        case .failure(let e): return e.message
        }
    }

    @Test("values", arguments: [
        ("1 + 2 * 3", "7"), ("7 / 2", "3"), ("-7 % 3", "-1"), ("2u + 3u", "5"), ("0x1F", "31"), ("1.5 * 2.0", "3"),
        ("'a' + \"b\"", "ab"), ("r'\\d+'", "\\d+"), ("'''multi\nline'''", "multi\nline"), ("'\\u00e9\\x41\\101'", "éAA"),
        ("b'abc'.size()", "3"), ("size('héllo')", "5"), ("[1, 2] + [3]", "[1, 2, 3]"), ("{'a': 1}['a']", "1"),
        ("1 == 1.0", "true"), ("1u == 1", "true"), ("1 < 1.5", "true"), ("[1, 'a'] == [1, 'a']", "true"),
        ("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", "true"), ("null == null", "true"), ("2 in [1, 2]", "true"),
        ("'k' in {'k': 1}", "true"), ("true ? 'y' : 'n'", "y"), ("!false", "true"), ("-(3)", "-3"),
        ("'abc'.contains('b')", "true"), ("'abc'.startsWith('ab')", "true"), ("'abc'.endsWith('bc')", "true"),
        ("'abc123'.matches('^[a-z]+\\\\d+$')", "true"), ("matches('x', 'y')", "false"),
        ("[1, 2, 3].all(x, x > 0)", "true"), ("[1, 2, 3].exists(x, x > 2)", "true"), ("[1, 2, 3].exists_one(x, x > 1)", "false"),
        ("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]"), ("[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]"),
        ("[1, 2, 3].filter(x, x % 2 == 1)", "[1, 3]"), ("{'a': 1, 'b': 2}.all(k, k.size() == 1)", "true"),
        ("int('42') + int(2.9)", "44"), ("uint(3)", "3"), ("double(1)", "1"), ("string(1.5)", "1.5"), ("string(true)", "true"),
        ("bool('true')", "true"), ("type(1) == int", "true"), ("type('a') == string", "true"), ("type([]) == list", "true"),
        ("duration('1h30m') == duration('90m')", "true"), ("string(duration('1.5s'))", "1.5s"),
        ("timestamp('2024-03-01T10:20:30Z').getFullYear()", "2024"), ("timestamp('2024-03-01T10:20:30Z').getMonth()", "2"),
        ("timestamp('2024-03-01T10:20:30Z').getDayOfMonth()", "0"), ("timestamp('2024-03-01T10:20:30Z').getDate()", "1"),
        ("timestamp('2024-03-01T10:20:30Z').getHours()", "10"), ("timestamp('2024-03-01T10:20:30+02:00').getHours('UTC')", "8"),
        ("timestamp('2024-03-01T10:20:30Z').getDayOfWeek()", "5"), ("timestamp('2024-03-01T10:20:30Z').getDayOfYear()", "60"),
        ("timestamp('2024-01-01T00:00:00Z') + duration('36h') == timestamp('2024-01-02T12:00:00Z')", "true"),
        ("timestamp('2024-01-02T00:00:00Z') - timestamp('2024-01-01T00:00:00Z') == duration('24h')", "true"),
        ("string(timestamp('2024-01-01T00:00:00.500Z'))", "2024-01-01T00:00:00.5Z"), ("duration('90s').getMinutes()", "1"),
        ("[3, 1, 2].isSorted()", "false"), ("[1, 2, 2].isSorted()", "true"), ("[1, 2, 3].sum()", "6"), ("[1.5, 2.5].sum()", "4"),
        ("[3, 1, 2].min()", "1"), ("[3, 1, 2].max()", "3"), ("[1, 2, 1].indexOf(1)", "0"), ("[1, 2, 1].lastIndexOf(1)", "2"),
        ("'Hello'.lowerAscii()", "hello"), ("'Hello'.upperAscii()", "HELLO"), ("'  x \\n'.trim()", "x"),
        ("'a,b,c'.split(',')", "[a, b, c]"), ("'a,b,c'.split(',', 2)", "[a, b,c]"), ("['a', 'b'].join('-')", "a-b"),
        ("'aaa'.replace('a', 'b', 2)", "bba"), ("'hello'.substring(1, 3)", "el"), ("'hello'.charAt(1)", "e"),
        ("'hello'.indexOf('l')", "2"), ("'hello'.lastIndexOf('l')", "3"), ("'hello'.charAt(5)", ""),
        ("optional.of(1).orValue(2)", "1"), ("optional.none().orValue(2)", "2"), ("optional.none().hasValue()", "false"),
        ("{'a': 1}.?b.orValue(5)", "5"), ("has(self.a)", "true"), ("has(self.b)", "false"), ("self.a.b", "1"),
    ])
    func values(source: String, expected: String) throws {
        #expect(try value(source, self: #"{"a": {"b": 1}}"#) == expected)
    }

    @Test("errors", arguments: [
        ("9223372036854775807 + 1", "integer overflow"), ("-9223372036854775807 - 2", "integer overflow"),
        ("0u - 1u", "unsigned integer overflow"), ("1 / 0", "division by zero"), ("1 % 0", "modulus by zero"),
        ("self.missing", "no such key: missing"), ("{'a': 1}['b']", "no such key: b"),
        ("[1][3]", "index '3' out of range in list size '1'"), ("1 + 'a'", "no such overload"),
        ("has(self.missing.x)", "no such key: missing"), ("int('x')", "cannot convert 'x' to int"),
        ("[].min()", "min(list) called on an empty list"), ("'abc'.substring(2, 1)", "invalid substring range. start: 2, end: 1"),
    ])
    func errors(source: String, expected: String) throws {
        #expect(try error(source) == expected)
    }

    @Test func logicalOperatorsAbsorbErrorsInEitherOrder() throws {
        #expect(try value("self.missing == 1 && false") == "false")
        #expect(try value("false && self.missing == 1") == "false")
        #expect(try value("self.missing == 1 || true") == "true")
        #expect(try value("true || self.missing == 1") == "true")
        #expect(try error("self.missing == 1 && true") == "no such key: missing")
        #expect(try error("true && self.missing == 1") == "no such key: missing")
        #expect(try value("[0, 1].exists(x, 10 / x == 10)") == "true")
        #expect(try error("[0, 1].all(x, 10 / x == 10)") == "division by zero")
    }

    @Test("syntax errors", arguments: ["self.size <=", "(1 + 2", "1 = 2", "self.", "'unterminated", "has(self)", "[1, 2].all(1, true)"])
    func syntaxErrors(source: String) {
        #expect(throws: CELSyntaxError.self) { try CELParser.parse(source) }
    }

    @Test func transitionRulesAreDetected() throws {
        #expect(CELProgram(rule: CELRule(path: "", rule: "self == oldSelf")).usesOldSelf)
        #expect(!CELProgram(rule: CELRule(path: "", rule: "self.all(oldSelf, oldSelf > 0)")).usesOldSelf)
        #expect(!CELProgram(rule: CELRule(path: "", rule: "self.x > 0")).usesOldSelf)
    }

    @Test func compileErrorsPointAtTheOffendingToken() {
        #expect(CELProgram.display("self.foo > 0", offset: 4, message: "undefined field 'foo'")
                == "ERROR: <input>:1:5: undefined field 'foo'\n | self.foo > 0\n | ....^")
    }
}
