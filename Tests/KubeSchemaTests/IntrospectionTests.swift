import JSON
import KubeSchema
import Testing

/// Reading a schema back (what the operator's tests use to compare CRDs with Swift types).
@Suite struct IntrospectionTests {
    let schema: StructuralSchema

    init() throws {
        schema = try Fixtures.schema("""
        {"type": "object", "description": "root", "properties": {
          "spec": {"type": "object", "required": ["b", "a"], "properties": {
            "b": {"type": "string", "format": "uuid", "nullable": true},
            "a": {"type": "integer", "default": 3},
            "port": {"x-kubernetes-int-or-string": true},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}, "x-kubernetes-map-type": "atomic"},
            "items": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "string", "enum": ["x"]}}}},
            "raw": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "tmpl": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true}
          }}
        }}
        """)
    }

    @Test func keywordsAreExposed() throws {
        #expect(schema.description == "root")
        #expect(schema.type == "object")
        let spec = try #require(schema.properties["spec"])
        #expect(Array(spec.properties.keys) == ["b", "a", "port", "labels", "items", "raw", "tmpl"])
        #expect(spec.required == ["b", "a"])
        #expect(spec.properties["b"]?.format == "uuid")
        #expect(spec.properties["b"]?.isNullable == true)
        #expect(spec.properties["a"]?.defaultValue == 3)
        #expect(spec.properties["port"]?.isIntOrString == true)
        #expect(spec.properties["port"]?.type == nil)
        #expect(spec.properties["labels"]?.additionalProperties?.type == "string")
        #expect(spec.properties["items"]?.items?.properties["k"]?.enumValues == ["x"])
        #expect(spec.properties["raw"]?.preservesUnknownFields == true)
        #expect(spec.properties["tmpl"]?.isEmbeddedResource == true)
        #expect(spec.json["required"] == ["b", "a"])
        #expect(!schema.hasCELRules)
        #expect(schema.celRules.isEmpty)
    }

    @Test func navigation() throws {
        #expect(schema.subschema(at: [])?.type == "object")
        #expect(schema.subschema(at: ["spec", "labels", "any-key"])?.type == "string")
        #expect(schema.subschema(at: ["spec", "items", "k"])?.enumValues == ["x"])
        #expect(schema.isAtomicMap(at: ["spec", "labels"]))
        #expect(schema.listType(at: ["spec", "items"]) == .atomic)
        #expect(schema.listType(at: ["spec", "missing"]) == .atomic)
    }

    @Test func celRulePaths() throws {
        let withRules = try Fixtures.schema("""
        {"type": "object", "x-kubernetes-validations": [{"rule": "has(self.spec)", "messageExpression": "'x'", "reason": "FieldValueForbidden"}],
         "properties": {"spec": {"type": "object", "properties": {
           "list": {"type": "array", "items": {"type": "string", "x-kubernetes-validations": [{"rule": "self != ''", "fieldPath": ""}]}},
           "map": {"type": "object", "additionalProperties": {"type": "integer", "x-kubernetes-validations": [{"rule": "self > 0", "optionalOldSelf": true}]}}
         }}}}
        """)
        #expect(withRules.celRules == [
            CELRule(path: "", rule: "has(self.spec)", messageExpression: "'x'", reason: "FieldValueForbidden"),
            CELRule(path: "spec.list[*]", rule: "self != ''", fieldPath: ""),
            CELRule(path: "spec.map[*]", rule: "self > 0", optionalOldSelf: true),
        ])
    }

    @Test func statusUpdatesWithoutStatusValidateNothingButLists() throws {
        let widget = try Fixtures.widgetSchema()
        let object = try Fixtures.widget(spec: #"{"size": 0}"#)
        // spec is not validated on /status (the server resets it to the stored value anyway).
        #expect(widget.validateStatusUpdate(old: object, new: object).isEmpty)
    }
}
