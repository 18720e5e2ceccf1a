import JSON
import KubeSchema
import Testing

/// One message per keyword, in kube-openapi's wording as converted by apiextensions.
@Suite struct ValueValidationTests {
    /// Validates `{"spec": {"v": <value>}}` against `spec.v: <property>`.
    func errors(property: String, value: String) throws -> [String] {
        let schema = try Fixtures.schema(#"{"type": "object", "properties": {"spec": {"type": "object", "properties": {"v": \#(property)}}}}"#)
        return schema.validate(try Fixtures.json(#"{"spec": {"v": \#(value)}}"#)).map(\.description)
    }

    @Test func stringLengths() throws {
        #expect(try errors(property: #"{"type": "string", "maxLength": 3}"#, value: #""abcd""#)
                == ["spec.v: Too long: may not be more than 3 bytes"])
        #expect(try errors(property: #"{"type": "string", "maxLength": 1}"#, value: #""ab""#)
                == ["spec.v: Too long: may not be more than 1 byte"])
        #expect(try errors(property: #"{"type": "string", "minLength": 3}"#, value: #""ab""#)
                == [#"spec.v: Invalid value: "ab": spec.v in body should be at least 3 chars long"#])
        // Length counts Unicode code points (utf8.RuneCount), not bytes.
        #expect(try errors(property: #"{"type": "string", "maxLength": 2}"#, value: #""éé""#).isEmpty)
    }

    @Test func stringChecksStopAtTheFirstFailure() throws {
        // maxLength fails, so the pattern is not checked.
        #expect(try errors(property: #"{"type": "string", "maxLength": 2, "pattern": "^[0-9]+$"}"#, value: #""abc""#)
                == ["spec.v: Too long: may not be more than 2 bytes"])
    }

    @Test func pattern() throws {
        #expect(try errors(property: #"{"type": "string", "pattern": "^[a-z]+$"}"#, value: #""ABC""#)
                == [#"spec.v: Invalid value: "ABC": spec.v in body should match '^[a-z]+$'"#])
        #expect(try errors(property: #"{"type": "string", "pattern": "^[a-z]+$"}"#, value: #""abc""#).isEmpty)
        // Unanchored patterns match anywhere, like Go's MatchString.
        #expect(try errors(property: #"{"type": "string", "pattern": "b"}"#, value: #""abc""#).isEmpty)
        // RE2's \d is ASCII only; ICU's would accept Arabic-Indic digits.
        #expect(try errors(property: #"{"type": "string", "pattern": "^\\d+$"}"#, value: #""٣""#).count == 1)
        // Go's $ without (?m) is the end of the text: a trailing newline does not match.
        #expect(try errors(property: #"{"type": "string", "pattern": "^a$"}"#, value: #""a\n""#).count == 1)
    }

    @Test func numbers() throws {
        #expect(try errors(property: #"{"type": "integer", "maximum": 10}"#, value: "11")
                == ["spec.v: Invalid value: 11: spec.v in body should be less than or equal to 10"])
        #expect(try errors(property: #"{"type": "integer", "maximum": 10, "exclusiveMaximum": true}"#, value: "10")
                == ["spec.v: Invalid value: 10: spec.v in body should be less than 10"])
        #expect(try errors(property: #"{"type": "integer", "minimum": 1, "exclusiveMinimum": true}"#, value: "1")
                == ["spec.v: Invalid value: 1: spec.v in body should be greater than 1"])
        #expect(try errors(property: #"{"type": "number", "minimum": 0, "maximum": 2}"#, value: "2.5")
                == ["spec.v: Invalid value: 2.5: spec.v in body should be less than or equal to 2"])
        #expect(try errors(property: #"{"type": "number", "minimum": 0.5}"#, value: "0.25")
                == ["spec.v: Invalid value: 0.25: spec.v in body should be greater than or equal to 0.5"])
        // Float bounds print with Go's %v.
        #expect(try errors(property: #"{"type": "number", "maximum": 1000000}"#, value: "1e7")
                == ["spec.v: Invalid value: 1e+07: spec.v in body should be less than or equal to 1e+06"])
        #expect(try errors(property: #"{"type": "integer", "multipleOf": 5}"#, value: "7")
                == ["spec.v: Invalid value: 7: spec.v in body should be a multiple of 5"])
        #expect(try errors(property: #"{"type": "number", "multipleOf": 0.5}"#, value: "1.25")
                == ["spec.v: Invalid value: 1.25: spec.v in body should be a multiple of 0.5"])
        #expect(try errors(property: #"{"type": "number", "multipleOf": 0.5}"#, value: "1.5").isEmpty)
    }

    @Test func boundsOfIntegersAreTruncatedLikeGo() throws {
        // int64(1.5) == 1, so 1 satisfies minimum 1.5 for an integer value.
        #expect(try errors(property: #"{"type": "integer", "minimum": 1.5}"#, value: "1").isEmpty)
    }

    @Test func integralNumbersAreIntegers() throws {
        // 1.0 decodes as a float64 but passes `type: integer` (IsFloat64AJSONInteger).
        #expect(try errors(property: #"{"type": "integer"}"#, value: "1.0").isEmpty)
        #expect(try errors(property: #"{"type": "integer"}"#, value: "1.5")
                == [#"spec.v: Invalid value: "number": spec.v in body must be of type integer: "number""#])
        #expect(try errors(property: #"{"type": "number"}"#, value: "3").isEmpty)
    }

    @Test func types() throws {
        #expect(try errors(property: #"{"type": "string"}"#, value: "true")
                == [#"spec.v: Invalid value: "boolean": spec.v in body must be of type string: "boolean""#])
        #expect(try errors(property: #"{"type": "object"}"#, value: "[]")
                == [#"spec.v: Invalid value: "array": spec.v in body must be of type object: "array""#])
        #expect(try errors(property: #"{"type": "array", "items": {"type": "string"}}"#, value: "{}")
                == [#"spec.v: Invalid value: "object": spec.v in body must be of type array: "object""#])
        #expect(try errors(property: #"{"type": "boolean"}"#, value: #""yes""#)
                == [#"spec.v: Invalid value: "string": spec.v in body must be of type boolean: "string""#])
    }

    @Test func nullsOfNullableFields() throws {
        #expect(try errors(property: #"{"type": "string", "nullable": true}"#, value: "null").isEmpty)
        // A non-nullable null reaching validation (prune would drop it first).
        #expect(try errors(property: #"{"type": "string"}"#, value: "null")
                == [#"spec.v: Invalid value: "null": spec.v in body must be of type string: "null""#])
    }

    @Test func intOrString() throws {
        let property = #"{"x-kubernetes-int-or-string": true}"#
        #expect(try errors(property: property, value: "80").isEmpty)
        #expect(try errors(property: property, value: #""http""#).isEmpty)
        #expect(try errors(property: property, value: "true")
                == [#"spec.v: Invalid value: "boolean": spec.v in body must be of type integer,string: "boolean""#])
        let withPattern = #"{"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}"#
        #expect(try errors(property: withPattern, value: "1.5").count == 3)
    }

    @Test func enums() throws {
        #expect(try errors(property: #"{"type": "integer", "enum": [1, 2]}"#, value: "3")
                == [#"spec.v: Unsupported value: 3: supported values: "1", "2""#])
        #expect(try errors(property: #"{"type": "integer", "enum": [1, 2]}"#, value: "2").isEmpty)
        #expect(try errors(property: #"{"type": "boolean", "enum": [true]}"#, value: "false")
                == [#"spec.v: Unsupported value: false: supported values: "true""#])
        #expect(try errors(property: #"{"type": "object", "enum": [{"a": 1}]}"#, value: #"{"a": 2}"#)
                == [#"spec.v: Unsupported value: {"a":2}: supported values: "{\"a\":1}""#])
        // A null never equals an enum member, even a null one.
        #expect(try errors(property: #"{"type": "string", "nullable": true, "enum": ["a", null]}"#, value: "null")
                == [#"spec.v: Unsupported value: null: supported values: "a", "null""#])
    }

    @Test func arrays() throws {
        #expect(try errors(property: #"{"type": "array", "maxItems": 1, "items": {"type": "string"}}"#, value: #"["a", "b"]"#)
                == ["spec.v: Too many: 2: must have at most 1 item"])
        #expect(try errors(property: #"{"type": "array", "minItems": 2, "items": {"type": "string"}}"#, value: #"["a"]"#)
                == ["spec.v: Invalid value: 1: spec.v in body should have at least 2 items"])
        #expect(try errors(property: #"{"type": "array", "items": {"type": "integer", "minimum": 0}}"#, value: "[1, -1]")
                == ["spec.v[1]: Invalid value: -1: spec.v[1] in body should be greater than or equal to 0"])
    }

    @Test func objectsAndMaps() throws {
        #expect(try errors(property: #"{"type": "object", "maxProperties": 1, "additionalProperties": {"type": "string"}}"#,
                           value: #"{"a": "x", "b": "y"}"#)
                == ["spec.v: Too many: 2: must have at most 1 item"])
        #expect(try errors(property: #"{"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}"#, value: "{}")
                == ["spec.v: Invalid value: 0: spec.v in body should have at least 1 properties"])
        #expect(try errors(property: #"{"type": "object", "additionalProperties": {"type": "string"}}"#, value: #"{"a": 1}"#)
                == [#"spec.v.a: Invalid value: "integer": spec.v.a in body must be of type string: "integer""#])
        // min/maxProperties failures hide everything below.
        #expect(try errors(property: #"{"type": "object", "maxProperties": 0, "additionalProperties": {"type": "string"}}"#,
                           value: #"{"a": 1}"#) == ["spec.v: Too many: 1: must have at most 0 items"])
        // Properties are reported before required ones.
        #expect(try errors(property: #"{"type": "object", "required": ["b"], "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}"#,
                           value: #"{"a": 1}"#)
                == [#"spec.v.a: Invalid value: "integer": spec.v.a in body must be of type string: "integer""#, "spec.v.b: Required value"])
    }

    @Test func junctors() throws {
        let anyOf = #"{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "anyOf": [{"required": ["a"]}, {"required": ["b"]}]}"#
        #expect(try errors(property: anyOf, value: #"{"a": "x"}"#).isEmpty)
        #expect(try errors(property: anyOf, value: "{}") == [
            #"<nil>: Invalid value: "": "spec.v" must validate at least one schema (anyOf)"#,
            "spec.v.a: Required value",
        ])
        let oneOf = #"{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#
        #expect(try errors(property: oneOf, value: #"{"a": "x", "b": "y"}"#)
                == [#"<nil>: Invalid value: "": "spec.v" must validate one and only one schema (oneOf). Found 2 valid alternatives"#])
        let not = #"{"type": "object", "properties": {"a": {"type": "string"}}, "not": {"required": ["a"]}}"#
        #expect(try errors(property: not, value: #"{"a": "x"}"#)
                == [#"<nil>: Invalid value: "": "spec.v" must not validate the schema (not)"#])
        let allOf = #"{"type": "integer", "allOf": [{"minimum": 5}, {"maximum": 3}]}"#
        #expect(try errors(property: allOf, value: "4") == [
            "spec.v: Invalid value: 4: spec.v in body should be greater than or equal to 5",
            "spec.v: Invalid value: 4: spec.v in body should be less than or equal to 3",
            #"<nil>: Invalid value: "": "spec.v" must validate all the schemas (allOf). None validated"#,
        ])
        #expect(try errors(property: allOf, value: "6") == [
            "spec.v: Invalid value: 6: spec.v in body should be less than or equal to 3",
            #"<nil>: Invalid value: "": "spec.v" must validate all the schemas (allOf)"#,
        ])
    }

    @Test func preserveUnknownFieldsAcceptsAnything() throws {
        #expect(try errors(property: #"{"x-kubernetes-preserve-unknown-fields": true}"#, value: #"{"any": [1, "x"]}"#).isEmpty)
        #expect(try errors(property: #"{"type": "object", "x-kubernetes-preserve-unknown-fields": true}"#, value: "5")
                == [#"spec.v: Invalid value: "integer": spec.v in body must be of type object: "integer""#])
    }

    @Test func validateValueWithAPrefix() throws {
        let schema = try Fixtures.schema(#"{"type": "object", "properties": {"a": {"type": "integer", "minimum": 0}}}"#)
        let errors = schema.validateValue(try Fixtures.json(#"{"a": -1}"#), fieldPath: "spec.template")
        #expect(errors.map(\.description) == ["spec.template.a: Invalid value: -1: a in body should be greater than or equal to 0"])
    }
}
