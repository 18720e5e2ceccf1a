import JSON
@testable import KubeSchema
import Testing

/// Go's formatting (`%v`, `%q`, `encoding/json`) and RE2 semantics, which the server's
/// messages and patterns depend on.
@Suite struct GoCompatibilityTests {
    @Test(arguments: [
        (1.0, "1"), (0.5, "0.5"), (-2.5, "-2.5"), (100000.0, "100000"), (1e6, "1e+06"), (1234567.0, "1.234567e+06"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (1e21, "1e+21"), (0.7, "0.7"), (123.456, "123.456"), (1.5e-7, "1.5e-07"),
    ])
    func floatLikePercentV(value: Double, expected: String) {
        #expect(GoFormat.float(value) == expected)
    }

    @Test(arguments: [
        (1.0, "1"), (1e21, "1e+21"), (1e-7, "1e-7"), (0.000001, "0.000001"), (123456789.0, "123456789"),
        (1.5, "1.5"), (-0.25, "-0.25"), (1e20, "100000000000000000000"),
    ])
    func floatLikeEncodingJSON(value: Double, expected: String) {
        #expect(GoFormat.jsonFloat(value) == expected)
    }

    @Test func quoteLikeStrconv() {
        #expect(GoFormat.quote(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(GoFormat.quote("line\nnext\ttab") == #""line\nnext\ttab""#)
        #expect(GoFormat.quote("héllo ✓") == "\"héllo ✓\"")
        #expect(GoFormat.quote("\u{7F}\u{01}") == #""\x7f\x01""#)
        #expect(GoFormat.quote("\u{00A0}\u{200B}") == #""\u00a0\u200b""#)
    }

    @Test func jsonLikeEncodingJSON() {
        let value: JSONValue = ["b": 1, "a": "<x&y>", "c": [true, nil, 2.5]]
        #expect(GoFormat.json(value) == #"{"a":"\u003cx\u0026y\u003e","b":1,"c":[true,null,2.5]}"#)
    }

    @Test func fieldErrorBodies() {
        #expect(FieldError.tooMany("spec.a", actual: 3, max: 1).description == "spec.a: Too many: 3: must have at most 1 item")
        #expect(FieldError.tooMany("spec.a", actual: -1, max: 2).description == "spec.a: Too many: must have at most 2 items")
        #expect(FieldError.tooLong("spec.a", maxLength: 5).description == "spec.a: Too long: may not be more than 5 bytes")
        #expect(FieldError.notSupported("spec.a", "x", supported: []).description == #"spec.a: Unsupported value: "x""#)
        #expect(FieldError.forbidden("spec.a", "nope").message == "Forbidden: nope")
        #expect(FieldError.invalid("spec.a", 1.5, "d").message == "Invalid value: 1.5: d")
        #expect(FieldError.invalid("spec.a", ["k": "v"], "d").message == #"Invalid value: {"k":"v"}: d"#)
        #expect(FieldError(kind: .invalid, field: "x", badValue: nil, detail: "d").description == "x: Invalid value: d")
        let twice = FieldError.required("spec.a")
        #expect(FieldError.aggregate([twice, twice]) == "spec.a: Required value")
        #expect(FieldError.aggregate([twice, .required("spec.b")]) == "[spec.a: Required value, spec.b: Required value]")
    }

    func matches(_ pattern: String, _ text: String) throws -> Bool {
        switch GoRegex.compile(pattern) {
        case .success(let regex): return regex.matches(text)
        case .failure(let error):
            Issue.record("pattern \(pattern) refused: \(error.message)")
            return false
        }
    }

    func refusal(_ pattern: String) -> String? {
        if case .failure(let error) = GoRegex.compile(pattern) { return error.message }
        return nil
    }

    @Test func classesAreASCIIlikeRE2() throws {
        #expect(try matches(#"^\d+$"#, "123"))
        #expect(try !matches(#"^\d+$"#, "١٢٣"))
        #expect(try !matches(#"^[\d]+$"#, "١٢٣"))
        #expect(try matches(#"^\w+$"#, "a_1"))
        #expect(try !matches(#"^\w+$"#, "é"))
        #expect(try matches(#"^\s$"#, " "))
        #expect(try !matches(#"^\s$"#, "\u{00A0}"))
        #expect(try matches(#"^[^\d]$"#, "x"))
        #expect(try matches(#"^\pL+$"#, "éa"))
    }

    @Test func anchorsAndLiteralsLikeRE2() throws {
        #expect(try !matches("^a$", "a\n"))
        #expect(try matches("(?m)^a$", "b\na\nc"))
        #expect(try matches("^[a-]$", "-"))
        #expect(try matches("^[[]$", "["))
        #expect(try matches("^[]a]$", "]"))
        #expect(try matches("^x{$", "x{"))
        #expect(try matches("^a{2}$", "aa"))
        #expect(try matches("^(?P<word>ab)+$", "abab"))
        #expect(try matches(#"^\Qa.b\E$"#, "a.b"))
        #expect(try !matches(#"^\Qa.b\E$"#, "axb"))
        #expect(try matches("^a*?b$", "aab"))
        #expect(try matches("^[0-9a-z-]+$", "a-1"))
    }

    @Test func perlSyntaxRE2RefusesIsRefused() {
        #expect(refusal("a(?=b)") == "error parsing regexp: invalid or unsupported Perl syntax: `(?=`")
        #expect(refusal("(?<!a)b") == "error parsing regexp: invalid or unsupported Perl syntax: `(?<!`")
        #expect(refusal(#"(a)\1"#) == #"error parsing regexp: invalid escape sequence: `\1`"#)
        #expect(refusal("a**") == "error parsing regexp: invalid nested repetition operator: `**`")
        #expect(refusal("a++") == "error parsing regexp: invalid nested repetition operator: `++`")
        #expect(refusal("a{1001}") == "error parsing regexp: invalid repeat count: `{1001}`")
        #expect(refusal(#"a\Z"#) == #"error parsing regexp: invalid escape sequence: `\Z`"#)
        #expect(refusal("x[a") == "error parsing regexp: missing closing ]: `[a`")
        #expect(refusal("(a") == "error parsing regexp: missing closing ): `(a`")
        #expect(refusal("a)") == "error parsing regexp: unexpected ): `a)`")
        #expect(refusal("*a") == "error parsing regexp: missing argument to repetition operator: `*`")
        #expect(refusal("^+") == "error parsing regexp: missing argument to repetition operator: `+`")
        #expect(refusal("a{3,2}") == "error parsing regexp: invalid repeat count: `{3,2}`")
        #expect(refusal("(?i)a|(?:b)c?") == nil)
        #expect(refusal("(?<name>a)") == nil)
    }
}
