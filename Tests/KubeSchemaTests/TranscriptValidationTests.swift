import JSON
import KubeSchema
import Testing

/// Every 422 of the recorded transcripts (02-crud.md, 07-status-conditions-and-events.md),
/// reproduced from the same request bodies with identical causes and messages.
@Suite struct TranscriptValidationTests {
    let schema: StructuralSchema

    init() throws { schema = try Fixtures.widgetSchema() }

    static let celSkipped = "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"

    @Test func enumViolation() throws {
        // 02 #12
        let errors = schema.validate(try Fixtures.widget(spec: #"{"size": 3, "color": "green"}"#))
        #expect(errors.map(\.description) == [
            #"spec.color: Unsupported value: "green": supported values: "red", "blue""#,
            Self.celSkipped,
        ])
        #expect(errors.map(\.kind) == [.notSupported, .invalid])
        #expect(errors[0].kind.rawValue == "FieldValueNotSupported")
        #expect(errors[0].message == #"Unsupported value: "green": supported values: "red", "blue""#)
        #expect(errors[1].field == "<nil>")
        #expect(errors[1].message == "Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
        #expect(FieldError.aggregate(errors) == #"[spec.color: Unsupported value: "green": supported values: "red", "blue", <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]"#)
    }

    @Test func minimumViolationDoesNotBlockCEL() throws {
        // 02 #13
        let errors = schema.validate(try Fixtures.widget(spec: #"{"size": 0, "color": "red"}"#))
        #expect(errors.map(\.description) == ["spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"])
        #expect(errors[0].kind.rawValue == "FieldValueInvalid")
        #expect(errors[0].message == "Invalid value: 0: spec.size in body should be greater than or equal to 1")
        #expect(FieldError.aggregate(errors) == "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1")
    }

    @Test func celRuleIsEvaluated() throws {
        // 02 #14: size 11 passes the schema; the CEL rule refuses it with its message and no value.
        let errors = schema.validate(try Fixtures.widget(spec: #"{"size": 11, "color": "blue"}"#))
        #expect(errors.map(\.description) == ["spec: Invalid value: size must be at most 10"])
        #expect(errors.first?.kind == .invalid)
        #expect(errors.first?.message == "Invalid value: size must be at most 10")
        #expect(schema.hasCELRules)
        #expect(schema.celRules == [CELRule(path: "spec", rule: "self.size <= 10", message: "size must be at most 10")])
    }

    @Test func severalViolationsInSchemaOrder() throws {
        // 02 #15
        let errors = schema.validate(try Fixtures.widget(spec: #"{"size": 0, "color": "green"}"#))
        #expect(errors.map(\.description) == [
            "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1",
            #"spec.color: Unsupported value: "green": supported values: "red", "blue""#,
            Self.celSkipped,
        ])
        #expect(errors.map(\.kind.rawValue) == ["FieldValueInvalid", "FieldValueNotSupported", "FieldValueInvalid"])
    }

    @Test func wrongType() throws {
        // 02 #16
        let errors = schema.validate(try Fixtures.widget(spec: #"{"size": "three", "color": "red"}"#))
        #expect(errors.map(\.description) == [
            #"spec.size: Invalid value: "string": spec.size in body must be of type integer: "string""#,
            Self.celSkipped,
        ])
        #expect(errors[0].kind.rawValue == "FieldValueTypeInvalid")
        #expect(errors[0].message == #"Invalid value: "string": spec.size in body must be of type integer: "string""#)
    }

    @Test func requiredFieldMissing() throws {
        // 02 #17
        let errors = schema.validate(try Fixtures.widget(spec: #"{"color": "red"}"#))
        #expect(errors.map(\.description) == ["spec.size: Required value", Self.celSkipped])
        #expect(errors[0].kind.rawValue == "FieldValueRequired")
        #expect(errors[0].message == "Required value")
    }

    @Test func unknownFieldIsPrunedWithItsPath() throws {
        // 02 #18: 201 with `Warning: 299 - "unknown field \"spec.shape\""`, shape dropped.
        var object = try Fixtures.widget(spec: #"{"size": 2, "color": "blue", "shape": "round"}"#)
        let unknown = schema.prune(&object)
        #expect(unknown == ["spec.shape"])
        #expect(object["spec"] == ["size": 2, "color": "blue"])
        #expect(object[path: "metadata", "name"] == "w")
        #expect(schema.validate(object).isEmpty)
    }

    @Test func duplicateListMapKeyOnStatus() throws {
        // 07 #3 (merge patch of /status, so the stored object has a valid status before)
        let old = try Fixtures.widget(spec: #"{"size": 3, "color": "blue"}"#)
        let new = try Fixtures.widget(spec: #"{"size": 3, "color": "blue"}"#,
                                      status: #"{"conditions": [{"type": "Ready", "status": "False"}, {"type": "Ready", "status": "True"}]}"#)
        let errors = schema.validateStatusUpdate(old: old, new: new)
        #expect(errors.map(\.description) == [#"status.conditions[1]: Duplicate value: {"type":"Ready"}"#])
        #expect(errors[0].kind.rawValue == "FieldValueDuplicate")
        #expect(errors[0].message == #"Duplicate value: {"type":"Ready"}"#)
    }

    @Test func statusEnumAndDateTimeRelativeToStatus() throws {
        // 07 #4: the status subresource validates status alone, so the format message says
        // "conditions[0]..." while the field is "status.conditions[0]...".
        let old = try Fixtures.widget(spec: #"{"size": 3, "color": "blue"}"#)
        let new = try Fixtures.widget(spec: #"{"size": 3, "color": "blue"}"#,
                                      status: #"{"conditions": [{"type": "Ready", "status": "Maybe", "lastTransitionTime": "yesterday"}]}"#)
        let errors = schema.validateStatusUpdate(old: old, new: new)
        #expect(errors.map(\.description) == [
            #"status.conditions[0].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown""#,
            #"status.conditions[0].lastTransitionTime: Invalid value: "yesterday": conditions[0].lastTransitionTime in body must be of type date-time: "yesterday""#,
            Self.celSkipped,
        ])
        #expect(errors.map(\.kind.rawValue) == ["FieldValueNotSupported", "FieldValueTypeInvalid", "FieldValueInvalid"])
    }

    @Test func validStatusWritesFromTranscriptsPass() throws {
        // 07 #1 and #6 bodies are accepted.
        let old = try Fixtures.widget(spec: #"{"size": 2, "color": "red"}"#)
        let new = try Fixtures.widget(spec: #"{"size": 2, "color": "red"}"#, status: """
            {"observedGeneration": 1, "conditions": [
              {"type": "Ready", "status": "True", "reason": "Reconciled", "message": "widget is ready",
               "lastTransitionTime": "2026-11-22T07:42:16Z", "observedGeneration": 1},
              {"type": "Progressing", "status": "False", "reason": "Idle", "message": "nothing to do",
               "lastTransitionTime": "2026-11-22T07:42:16Z"}]}
            """)
        #expect(schema.validateStatusUpdate(old: old, new: new).isEmpty)
        #expect(schema.validateUpdate(old: old, new: new).isEmpty)
    }

    @Test func precedingErrorsComeFirstAndBlockCEL() throws {
        let object = try Fixtures.widget(spec: #"{"size": 3}"#)
        let metadataError = FieldError.required("metadata.name", "name or generateName is required")
        let errors = schema.validate(object, precedingErrors: [metadataError])
        #expect(errors.map(\.description) == ["metadata.name: Required value: name or generateName is required", Self.celSkipped])
    }

    @Test func noCELCauseWithoutRules() throws {
        let plain = try Fixtures.schema(#"{"type": "object", "properties": {"spec": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}}}"#)
        let errors = plain.validate(try Fixtures.json(#"{"spec": {}}"#))
        #expect(errors.map(\.description) == ["spec.a: Required value"])
    }

    @Test func transcriptCRDIsAccepted() throws {
        #expect(CRDValidation.validate(try Fixtures.json(Fixtures.widgetCRDText)).isEmpty)
        let fromCRD = try StructuralSchema(crd: try Fixtures.json(Fixtures.widgetCRDText), version: "v1")
        #expect(fromCRD?.listType(at: ["status", "conditions"]) == .map(keys: ["type"]))
        #expect(try StructuralSchema(crd: try Fixtures.json(Fixtures.widgetCRDText), version: "v2") == nil)
    }
}
