import JSON
import KubeSchema
import Testing

/// `x-kubernetes-validations` evaluated by `StructuralSchema`: typed values, transition
/// rules, ratcheting, messages and reasons, and compile errors at CRD creation.
@Suite struct CELValidationTests {
    /// A root schema with `spec` carrying `rules` (JSON array text) and typed fields.
    func schema(rules: String, extra: String = "") throws -> StructuralSchema {
        try Fixtures.schema("""
        {"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": \(rules), "properties": {
          "min": {"type": "integer"}, "max": {"type": "integer"}, "ratio": {"type": "number"}, "name": {"type": "string"},
          "when": {"type": "string", "format": "date-time"}, "every": {"type": "string", "format": "duration"},
          "port": {"x-kubernetes-int-or-string": true}, "tags": {"type": "array", "items": {"type": "string"}},
          "labels": {"type": "object", "additionalProperties": {"type": "string"}}\(extra)
        }}}}
        """)
    }

    func errors(_ schema: StructuralSchema, _ spec: String, old: String? = nil) throws -> [String] {
        let new = try Fixtures.json(#"{"apiVersion": "x/v1", "kind": "T", "metadata": {"name": "n"}, "spec": \#(spec)}"#)
        if let old {
            let oldObject = try Fixtures.json(#"{"apiVersion": "x/v1", "kind": "T", "metadata": {"name": "n"}, "spec": \#(old)}"#)
            return schema.validateUpdate(old: oldObject, new: new).map(\.description)
        }
        return schema.validate(new).map(\.description)
    }

    @Test func channelDelayRule() throws {
        let s = try schema(rules: #"[{"rule": "!has(self.min) || !has(self.max) || self.max >= self.min", "message": "max must be at least min"}]"#)
        #expect(try errors(s, #"{"min": 5, "max": 3}"#) == ["spec: Invalid value: max must be at least min"])
        #expect(try errors(s, #"{"min": 5, "max": 5}"#).isEmpty)
        #expect(try errors(s, #"{"min": 5}"#).isEmpty)
    }

    @Test func mutuallyExclusiveFields() throws {
        let s = try schema(rules: #"[{"rule": "!(has(self.name) && has(self.port))", "message": "name and port are mutually exclusive"}]"#)
        #expect(try errors(s, #"{"name": "a", "port": 80}"#) == ["spec: Invalid value: name and port are mutually exclusive"])
        #expect(try errors(s, #"{"port": "http"}"#).isEmpty)
    }

    @Test func immutableFieldIsATransitionRule() throws {
        let s = try Fixtures.schema("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "uuid": {"type": "string", "x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "uuid is immutable"}]}}}}}
        """)
        let object = { (uuid: String) in try Fixtures.json(#"{"spec": {"uuid": "\#(uuid)"}}"#) }
        #expect(s.validate(try object("a")).isEmpty, "no old value: the transition rule does not run")
        #expect(s.validateUpdate(old: try object("a"), new: try object("a")).isEmpty)
        #expect(s.validateUpdate(old: try object("a"), new: try object("b")).map(\.description) == ["spec.uuid: Invalid value: uuid is immutable"])
        #expect(s.validateUpdate(old: try Fixtures.json(#"{"spec": {}}"#), new: try object("b")).isEmpty, "added field: no old value")
    }

    @Test func optionalOldSelfRunsOnCreateToo() throws {
        let s = try schema(rules: #"[{"rule": "!oldSelf.hasValue() || self.name == oldSelf.value().name", "message": "name is immutable", "optionalOldSelf": true}, {"rule": "oldSelf.hasValue() || self.name != 'reserved'", "message": "reserved", "optionalOldSelf": true}]"#)
        #expect(try errors(s, #"{"name": "reserved"}"#) == ["spec: Invalid value: reserved"])
        #expect(try errors(s, #"{"name": "b"}"#, old: #"{"name": "a"}"#) == ["spec: Invalid value: name is immutable"])
    }

    @Test func unchangedValuesRatchetButChangedOnesDoNot() throws {
        let s = try schema(rules: #"[{"rule": "self.min < 10", "message": "min too big"}]"#)
        #expect(try errors(s, #"{"min": 20}"#, old: #"{"min": 20}"#).isEmpty)
        #expect(try errors(s, #"{"min": 21}"#, old: #"{"min": 20}"#) == ["spec: Invalid value: min too big"])
    }

    @Test func itemRulesReportTheItemPath() throws {
        let s = try schema(rules: "[]", extra: #", "hosts": {"type": "array", "items": {"type": "string", "x-kubernetes-validations": [{"rule": "self.endsWith('.example.com')"}]}}"#)
        #expect(try errors(s, #"{"hosts": ["a.example.com", "b.other.org"]}"#)
                == ["spec.hosts[1]: Invalid value: failed rule: self.endsWith('.example.com')"])
        // An atomic list item has no old counterpart: it ratchets only with the whole list.
        #expect(try errors(s, #"{"hosts": ["b.other.org"]}"#, old: #"{"hosts": ["b.other.org"]}"#).isEmpty)
        #expect(try errors(s, #"{"hosts": ["b.other.org", "c.example.com"]}"#, old: #"{"hosts": ["b.other.org"]}"#)
                == ["spec.hosts[0]: Invalid value: failed rule: self.endsWith('.example.com')"])
    }

    @Test func mapValueRulesReportTheKey() throws {
        let s = try schema(rules: "[]", extra: #", "env": {"type": "object", "additionalProperties": {"type": "string", "x-kubernetes-validations": [{"rule": "self.size() <= 3", "message": "too long"}]}}"#)
        #expect(try errors(s, #"{"env": {"A": "abcd"}}"#) == ["spec.env[A]: Invalid value: too long"])
    }

    @Test func reasonFieldPathAndMessageExpression() throws {
        let s = try schema(rules: #"[{"rule": "self.min <= self.max", "messageExpression": "'min ' + string(self.min) + ' exceeds max ' + string(self.max)", "reason": "FieldValueForbidden", "fieldPath": ".min"}, {"rule": "has(self.name)", "reason": "FieldValueRequired", "message": "name is required"}]"#)
        #expect(try errors(s, #"{"min": 3, "max": 1}"#) == ["spec.min: Forbidden: min 3 exceeds max 1", "spec: Required value: name is required"])
    }

    @Test func typedValues() throws {
        let s = try schema(rules: #"""
        [{"rule": "self.ratio == 1.0 && self.ratio * 2.0 == 2.0", "message": "number is a double"},
         {"rule": "self.when < timestamp('2030-01-01T00:00:00Z') && self.when.getFullYear() == 2024", "message": "date-time is a timestamp"},
         {"rule": "self.every == duration('1h')", "message": "duration"},
         {"rule": "self.tags.all(t, t.size() > 1) && self.labels.exists(k, self.labels[k] == 'x')", "message": "collections"},
         {"rule": "type(self.port) == string || self.port > 0", "message": "int-or-string is dyn"},
         {"rule": "self.name.matches('^[a-z]+$') && self.name.size() == 3", "message": "string functions"}]
        """#)
        #expect(try errors(s, #"{"ratio": 1, "when": "2024-05-01T00:00:00Z", "every": "60m", "tags": ["ab"], "labels": {"a": "x"}, "port": "http", "name": "abc"}"#).isEmpty)
        #expect(try errors(s, #"{"ratio": 1, "when": "2024-05-01T00:00:00Z", "every": "60m", "tags": ["ab"], "labels": {"a": "x"}, "port": 0, "name": "ABC"}"#)
                == ["spec: Invalid value: int-or-string is dyn", "spec: Invalid value: string functions"])
    }

    @Test func evaluationErrorsUseTheServersWording() throws {
        let s = try schema(rules: #"[{"rule": "self.min / self.max > 0", "message": "ratio"}, {"rule": "self.port + 1 > 0"}]"#)
        #expect(try errors(s, #"{"min": 1, "max": 0, "port": "x"}"#) == [
            "spec: Invalid value: division by zero evaluating rule: ratio",
            "spec: Invalid value: 'no such overload': call arguments did not match a supported operator, function or macro signature for rule: self.port + 1 > 0",
        ])
        // An absent optional field selected without has(): "no such key".
        #expect(try errors(s, #"{"max": 1, "port": 1}"#) == ["spec: Invalid value: no such key: min evaluating rule: ratio"])
    }

    @Test func rootRulesSeeApiVersionKindAndMetadataName() throws {
        let s = try Fixtures.schema(#"{"type": "object", "x-kubernetes-validations": [{"rule": "self.metadata.name.startsWith('n') && self.kind == 'T'", "message": "root"}], "properties": {"spec": {"type": "object"}}}"#)
        #expect(s.validate(try Fixtures.json(#"{"apiVersion": "x/v1", "kind": "T", "metadata": {"name": "n1"}}"#)).isEmpty)
        #expect(s.validate(try Fixtures.json(#"{"apiVersion": "x/v1", "kind": "T", "metadata": {"name": "m1"}}"#)).map(\.description) == ["<nil>: Invalid value: root"])
    }

    @Test func schemaErrorsThatBlockRulesStillWin() throws {
        let s = try schema(rules: #"[{"rule": "self.min < 0"}]"#, extra: #", "mode": {"type": "string", "enum": ["a"]}"#)
        #expect(try errors(s, #"{"min": 1, "mode": "b"}"#).last == "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
    }

    @Test("rules that do not compile are refused at CRD creation", arguments: [
        ("self.nope > 0", "compilation failed: ERROR: <input>:1:5: undefined field 'nope'\n | self.nope > 0\n | ....^"),
        ("self.min <=", "compilation failed: ERROR: <input>:1:12: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | self.min <=\n | ...........^"),
        ("self.name < 1", "compilation failed: ERROR: <input>:1:11: found no matching overload for '_<_' applied to '(string, int)'\n | self.name < 1\n | ..........^"),
        ("self.min + 1", "cel expression must evaluate to a bool"),
        ("foo(self)", "compilation failed: ERROR: <input>:1:1: undeclared reference to 'foo' (in container '')\n | foo(self)\n | ^"),
        ("self.metadata.name == 'x'", "compilation failed: ERROR: <input>:1:5: undefined field 'metadata'\n | self.metadata.name == 'x'\n | ....^"),
    ])
    func compileErrors(rule: String, detail: String) throws {
        let text = """
        {"type": "object", "properties": {"spec": {"type": "object", "x-kubernetes-validations": [{"rule": \(GoFormatting.jsonString(rule))}],
          "properties": {"min": {"type": "integer"}, "name": {"type": "string"}}}}}
        """
        let goRule = "apiextensions.ValidationRule{Rule:\(GoFormatting.quote(rule)), Message:\"\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}"
        #expect(try Fixtures.schemaErrors(text) == ["openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: \(goRule): \(detail)"])
    }

    @Test func validRulesCompile() throws {
        _ = try Fixtures.schema("""
        {"type": "object", "x-kubernetes-validations": [{"rule": "self.metadata.name.size() < 60 && has(self.spec)"}],
         "properties": {"spec": {"type": "object", "x-kubernetes-validations": [
           {"rule": "self.items.all(i, i.weight >= 0) && self.items.map(i, i.weight).sum() <= 100", "messageExpression": "'total ' + string(self.items.size())"},
           {"rule": "!has(self.extra) || self.extra.anything == 1"}],
          "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {"weight": {"type": "integer"}}}},
                         "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}
        """)
    }
}

/// Go-style quoting for building expected messages in tests.
enum GoFormatting {
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func jsonString(_ s: String) -> String { JSONValue.string(s).serialized() }
}
