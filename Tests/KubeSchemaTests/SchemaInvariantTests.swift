import JSON
import KubeSchema
import Testing

/// What the server refuses in an `openAPIV3Schema` (structural invariants, defaults,
/// list/map extensions), with its messages.
@Suite struct SchemaInvariantTests {
    func errors(_ text: String) throws -> [String] { try Fixtures.schemaErrors(text) }

    @Test func missingTypes() throws {
        #expect(try errors(#"{"type": "object", "properties": {"spec": {"properties": {"a": {"type": "string"}}}}}"#)
                == ["openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"])
        #expect(try errors(#"{"properties": {"a": {"type": "string"}}}"#)
                == ["openAPIV3Schema.type: Required value: must not be empty at the root"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "array", "items": {}}}}"#)
                == ["openAPIV3Schema.properties[a].items.type: Required value: must not be empty for specified array items"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "array"}}}"#)
                == ["openAPIV3Schema.properties[a].items: Required value: must be specified"])
        #expect(try errors(#"{"type": "string"}"#)
                == [#"openAPIV3Schema.type: Invalid value: "string": must be object at the root"#])
    }

    @Test func errorsAreSortedByMessage() throws {
        #expect(try errors(#"{"type": "object", "properties": {"z": {}, "a": {}}}"#) == [
            "openAPIV3Schema.properties[a].type: Required value: must not be empty for specified object fields",
            "openAPIV3Schema.properties[z].type: Required value: must not be empty for specified object fields",
        ])
    }

    @Test func preserveUnknownFieldsAndIntOrStringNeedNoType() throws {
        #expect(try errors(#"{"type": "object", "properties": {"free": {"x-kubernetes-preserve-unknown-fields": true}, "port": {"x-kubernetes-int-or-string": true}}}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}}}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"port": {"x-kubernetes-int-or-string": true, "allOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"maximum": 10}]}}}"#).isEmpty)
    }

    @Test func metadataMayOnlyRestrictNames() throws {
        #expect(try errors(#"{"type": "object", "properties": {"metadata": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 20}}}}}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"metadata": {"type": "object", "properties": {"labels": {"type": "object"}}}}}"#)
                == ["openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"])
        #expect(try errors(#"{"type": "object", "properties": {"metadata": {"type": "string"}}}"#)
                == [#"openAPIV3Schema.properties[metadata].type: Invalid value: "string": must be object"#])
        #expect(try errors(#"{"type": "object", "properties": {"metadata": {"type": "object", "default": {}}}}"#)
                == ["openAPIV3Schema.properties[metadata].default: Forbidden: must not be set in top-level metadata"])
    }

    @Test func valueValidationMustNotBeStructural() throws {
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string", "anyOf": [{"type": "string"}]}}}"#)
                == ["openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string", "oneOf": [{"description": "x", "nullable": true}]}}}"#) == [
            "openAPIV3Schema.properties[a].oneOf[0].description: Forbidden: must be empty to be structural",
            "openAPIV3Schema.properties[a].oneOf[0].nullable: Forbidden: must be false to be structural",
        ])
        // Completeness is checked for the junctors of the root only (like the server).
        #expect(try errors(#"{"type": "object", "properties": {"b": {"type": "string"}}, "anyOf": [{"properties": {"c": {"minLength": 1}}}]}"#)
                == ["openAPIV3Schema.properties[c]: Required value: because it is defined in openAPIV3Schema.anyOf[0].properties[c]"])
        #expect(try errors(#"{"type": "object", "properties": {"b": {"type": "string"}}, "not": {"properties": {"b": {"items": {"minLength": 1}}}}}"#)
                == ["openAPIV3Schema.properties[b].items: Required value: because it is defined in openAPIV3Schema.not.properties[b].items"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}}, "anyOf": [{"properties": {"c": {"minLength": 1}}}]}}}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}}, "anyOf": [{"required": ["b"]}]}}}"#).isEmpty)
    }

    @Test func unsupportedKeywords() throws {
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}}}"#)
                == ["openAPIV3Schema.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}}, "additionalProperties": {"type": "string"}}}}"#)
                == ["openAPIV3Schema.properties[a].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"])
        #expect(try errors(##"{"type": "object", "properties": {"a": {"$ref": "#/definitions/x"}}}"##)
                == ["openAPIV3Schema.properties[a].$ref: Forbidden: $ref is not supported"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "null"}}}"#) == [
            #"openAPIV3Schema.properties[a].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string""#,
            "openAPIV3Schema.properties[a].type: Forbidden: type cannot be set to null, use nullable as an alternative",
        ])
        #expect(try errors(#"{"type": "object", "nullable": true}"#)
                == ["openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root"])
        #expect(try errors(#"{"type": "object", "additionalProperties": {"type": "string"}}"#)
                == ["openAPIV3Schema.additionalProperties: Forbidden: must not be used at the root"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string", "x-kubernetes-preserve-unknown-fields": false}}}"#)
                == ["openAPIV3Schema.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined"])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "^(?=a)"}}}"#)
                == [#"openAPIV3Schema.properties[a].pattern: Invalid value: "^(?=a)": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"#])
    }

    @Test func defaultsMustValidateAndBePruned() throws {
        #expect(try errors(#"{"type": "object", "properties": {"status": {"type": "object", "default": {"observedGeneration": -1}, "properties": {"observedGeneration": {"type": "integer", "minimum": 0}}}}}"#)
                == ["openAPIV3Schema.properties[status].default.observedGeneration: Invalid value: -1: observedGeneration in body should be greater than or equal to 0"])
        #expect(try errors(#"{"type": "object", "properties": {"spec": {"type": "object", "default": {"foo": 1}, "properties": {"a": {"type": "string"}}}}}"#)
                == [#"openAPIV3Schema.properties[spec].default: Invalid value: {"foo":1}: must not have unknown fields"#])
        #expect(try errors(#"{"type": "object", "properties": {"n": {"type": "integer", "default": "x"}}}"#)
                == [#"openAPIV3Schema.properties[n].default: Invalid value: "string":  in body must be of type integer: "string""#])
        #expect(try errors(#"{"type": "object", "properties": {"n": {"type": "string", "enum": ["a"], "default": "b"}}}"#)
                == [#"openAPIV3Schema.properties[n].default: Unsupported value: "b": supported values: "a""#])
        #expect(try errors(#"{"type": "object", "properties": {"status": {"type": "object", "default": {"observedGeneration": -1}, "properties": {"observedGeneration": {"type": "integer"}}}}}"#).isEmpty)
    }

    @Test func listAndMapExtensions() throws {
        let listMap = { (item: String) in
            #"{"type": "object", "properties": {"c": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"], "items": \#(item)}}}"#
        }
        #expect(try errors(listMap(#"{"type": "object", "properties": {"type": {"type": "string"}}}"#))
                == ["openAPIV3Schema.properties[c].items.properties[type].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"])
        #expect(try errors(listMap(#"{"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}}"#)).isEmpty)
        #expect(try errors(listMap(#"{"type": "object", "properties": {"type": {"type": "string", "default": "x"}}}"#)).isEmpty)
        #expect(try errors(listMap(#"{"type": "object", "required": ["other"], "properties": {"other": {"type": "string"}}}"#))
                == [#"openAPIV3Schema.properties[c].x-kubernetes-list-map-keys: Invalid value: ["type"]: entries must all be names of item properties"#])
        #expect(try errors(listMap(#"{"type": "string"}"#))
                == [#"openAPIV3Schema.properties[c].items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map"#])
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "object", "x-kubernetes-list-type": "set"}}}"#)
                == [#"openAPIV3Schema.properties[t].type: Invalid value: "object": must be array if x-kubernetes-list-type is specified"#])
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-map-keys": ["a"]}}}"#)
                == ["openAPIV3Schema.properties[t].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty"])
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "bag"}}}"#)
                == [#"openAPIV3Schema.properties[t].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map""#])
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "object", "properties": {"a": {"type": "string"}}}}}}"#)
                == ["openAPIV3Schema.properties[t].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set"])
        #expect(try errors(#"{"type": "object", "properties": {"m": {"type": "object", "x-kubernetes-map-type": "weird"}}}"#)
                == [#"openAPIV3Schema.properties[m].x-kubernetes-map-type: Unsupported value: "weird": supported values: "atomic", "granular""#])
    }

    @Test func embeddedResources() throws {
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true}}}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "object", "x-kubernetes-embedded-resource": true}}}"#)
                == ["openAPIV3Schema.properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"])
        #expect(try errors(#"{"type": "object", "properties": {"t": {"type": "string", "x-kubernetes-embedded-resource": true}}}"#).contains(
            #"openAPIV3Schema.properties[t].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true"#))
    }

    @Test func celRuleShapes() throws {
        #expect(try errors(#"{"type": "object", "x-kubernetes-validations": [{"rule": " "}]}"#)
                == ["openAPIV3Schema.x-kubernetes-validations[0].rule: Required value: rule is not specified"])
        #expect(try errors(#"{"type": "object", "x-kubernetes-validations": [{"rule": "true", "reason": "Nope"}]}"#)
                == [#"openAPIV3Schema.x-kubernetes-validations[0].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired""#])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string"}}, "x-kubernetes-validations": [{"rule": "true", "fieldPath": ".b"}]}"#)
                == [#"openAPIV3Schema.x-kubernetes-validations[0].fieldPath: Invalid value: ".b": fieldPath must be a valid path"#])
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string"}}, "x-kubernetes-validations": [{"rule": "true", "fieldPath": ".a"}]}"#).isEmpty)
        #expect(try errors(#"{"type": "object", "properties": {"a": {"type": "string", "anyOf": [{"x-kubernetes-validations": [{"rule": "true"}]}]}}}"#)
                == ["openAPIV3Schema.properties[a].anyOf[0].x-kubernetes-validations: Forbidden: must be empty to be structural"])
    }

    @Test func keywordsOfTheWrongTypeAreReported() throws {
        let errors = try errors(#"{"type": "object", "properties": {"a": {"type": "integer", "minimum": "one"}}}"#)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix(#"openAPIV3Schema.properties[a].minimum: Invalid value: "one": cannot unmarshal string"#) == true)
    }

    @Test func customFieldPathPrefix() throws {
        #expect(throws: SchemaError.self) {
            try StructuralSchema(openAPIV3Schema: .object(["properties": [:]]), fieldPath: "spec.versions[0].schema.openAPIV3Schema")
        }
        do {
            _ = try StructuralSchema(openAPIV3Schema: .object(["properties": [:]]), fieldPath: "spec.versions[0].schema.openAPIV3Schema")
        } catch {
            #expect(error.errors.map(\.description) == ["spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root"])
            #expect(error.description == "spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root")
        }
    }
}
