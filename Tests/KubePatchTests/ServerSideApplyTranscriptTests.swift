import Testing
import JSON
import KubePatch

/// 03-patch.md cases 15-23 replayed in order on one Widget, comparing
/// objects and managedFields with what the real API server answered.
@Suite struct ServerSideApplyTranscriptTests {
    static let t = "2026-11-22T07:40:19Z"
    let schema: OpenAPIPatchSchema

    init() throws { schema = try Widget.schema() }

    let aliceConfig = """
    {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"s1","labels":{"owner":"alice"}},
     "spec":{"size":3,"color":"red"}}
    """
    let bobSize3 = #"{"apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": {"name": "s1"}, "spec": {"size": 3}}"#
    let bobSize4 = #"{"apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": {"name": "s1"}, "spec": {"size": 4}}"#

    func apply(_ config: String, to live: JSONValue?, manager: String, force: Bool = false,
               subresource: String? = nil, resetFields: [[String]] = []) throws -> JSONValue {
        try ServerSideApply.apply(try json(config), to: live, manager: manager, force: force, subresource: subresource,
                                  schema: schema, now: Self.t, resetFields: resetFields)
    }

    func managedFields(_ object: JSONValue) -> JSONValue? { object[path: "metadata", "managedFields"] }

    /// Case 15: the apply creates the object.
    func created() throws -> JSONValue {
        stored(try apply(aliceConfig, to: nil, manager: "alice"), resourceVersion: "2025")
    }

    @Test func case15ApplyCreates() throws {
        let object = try created()
        #expect(object["spec"] == ["color": "red", "size": 3])
        #expect(object[path: "metadata", "labels"] == ["owner": "alice"])
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{"f:labels":{"f:owner":{}}},"f:spec":{"f:color":{},"f:size":{}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// Case 17: same value, shared ownership; a no-op apply records no time.
    func sharedWithBob() throws -> JSONValue {
        try apply(bobSize3, to: try created(), manager: "bob")
    }

    @Test func case17SameValueIsSharedWithoutConflict() throws {
        let live = try created()
        let object = try sharedWithBob()
        #expect(object.withoutManagedFieldsForTest == live.withoutManagedFieldsForTest)
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"bob","operation":"Apply"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{"f:labels":{"f:owner":{}}},"f:spec":{"f:color":{},"f:size":{}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// Case 18: changing a co-owned field without force.
    @Test func case18ConflictWithoutForce() throws {
        let live = try sharedWithBob()
        let conflict = try #require(throws: ApplyConflict.self) { try apply(bobSize4, to: live, manager: "bob") }
        #expect(conflict.message == #"Apply failed with 1 conflict: conflict with "alice": .spec.size"#)
        #expect(conflict.causes == [ApplyConflict.Cause(reason: "FieldManagerConflict", message: #"conflict with "alice""#, field: ".spec.size")])
        #expect(conflict.conflicts.count == 1)
        #expect(conflict.conflicts.first?.manager == "alice")
        #expect(conflict.conflicts.first?.field == ".spec.size")
    }

    /// Case 19: force takes the field over.
    func forcedByBob() throws -> JSONValue {
        try apply(bobSize4, to: try sharedWithBob(), manager: "bob", force: true)
    }

    @Test func case19ForceTakesOwnership() throws {
        let object = try forcedByBob()
        #expect(object["spec"] == ["color": "red", "size": 4])
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
          "fieldsV1":{"f:metadata":{"f:labels":{"f:owner":{}}},"f:spec":{"f:color":{}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"bob","operation":"Apply","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// Case 20: a merge patch (an Update) takes the field without conflict.
    func mergePatchedByDemoClient() throws -> JSONValue {
        let live = try forcedByBob()
        let patched = MergePatch.apply(try json(#"{"spec": {"color": "blue"}}"#), to: live)
        return ServerSideApply.recordUpdate(old: live, new: patched, manager: "demo-client", subresource: nil,
                                            schema: schema, now: Self.t)
    }

    @Test func case20UpdateTakesTheFieldWithoutConflict() throws {
        let object = try mergePatchedByDemoClient()
        #expect(object["spec"] == ["color": "blue", "size": 4])
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:owner":{}}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"bob","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:color":{}}},
          "manager":"demo-client","operation":"Update","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// Case 21: conflicts against an applier and an updater, grouped by manager.
    @Test func case21ConflictsWithAppliersAndUpdaters() throws {
        let live = try mergePatchedByDemoClient()
        let conflict = try #require(throws: ApplyConflict.self) { try apply(aliceConfig, to: live, manager: "alice") }
        #expect(conflict.message == "Apply failed with 2 conflicts: conflicts with \"bob\":\n- .spec.size\nconflicts with \"demo-client\" using demo.example.com/v1:\n- .spec.color")
        #expect(conflict.causes == [
            ApplyConflict.Cause(reason: "FieldManagerConflict", message: #"conflict with "bob""#, field: ".spec.size"),
            ApplyConflict.Cause(reason: "FieldManagerConflict", message: #"conflict with "demo-client" using demo.example.com/v1"#, field: ".spec.color"),
        ])
    }

    /// Case 22: a field the applier alone owned and now omits is removed.
    func aliceDropsHerLabel() throws -> JSONValue {
        let config = #"{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"s1"},"spec":{"size":4}}"#
        return try apply(config, to: try mergePatchedByDemoClient(), manager: "alice")
    }

    @Test func case22OmittedFieldIsRemoved() throws {
        let object = try aliceDropsHerLabel()
        #expect(object[path: "metadata", "labels"] == nil)
        #expect(object["spec"] == ["color": "blue", "size": 4])
        #expect(object[path: "metadata", "uid"] == "440ffb62-7306-4211-abe8-08f177939baf")
        #expect(object[path: "metadata", "name"] == "s1")
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"bob","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:color":{}}},
          "manager":"demo-client","operation":"Update","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// Case 23: apply to /status records the subresource.
    @Test func case23ApplyToStatus() throws {
        let config = """
        {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"s1"},
         "status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Reconciled",
           "message":"ok","lastTransitionTime":"2026-11-22T08:00:00Z"}]}}
        """
        let object = try apply(config, to: try aliceDropsHerLabel(), manager: "widget-controller", force: true,
                               subresource: "status", resetFields: [["spec"]])
        #expect(object["spec"] == ["color": "blue", "size": 4])
        #expect(object[path: "status", "conditions"]?[0]?["reason"] == "Reconciled")
        #expect(managedFields(object) == (try json("""
        [{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"alice","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}},
          "manager":"bob","operation":"Apply","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
          "fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},
            "f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}},
          "manager":"widget-controller","operation":"Apply","subresource":"status","time":"2026-11-22T07:40:19Z"},
         {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:color":{}}},
          "manager":"demo-client","operation":"Update","time":"2026-11-22T07:40:19Z"}]
        """)))
    }

    /// The apply checks the server makes before merging (03 cases 16-17 context).
    @Test func validateRejectsWhatTheServerRejects() throws {
        try ServerSideApply.validate(try json(aliceConfig), apiVersion: Widget.apiVersion, kind: "Widget", schema: schema)
        var withManagedFields = try json(aliceConfig)
        withManagedFields[path: "metadata", "managedFields"] = []
        let managed = try #require(throws: PatchError.self) {
            try ServerSideApply.validate(withManagedFields, apiVersion: Widget.apiVersion, kind: "Widget", schema: schema)
        }
        #expect(managed.message == "metadata.managedFields must be nil")
        #expect(managed.code == 400)
        let kind = try #require(throws: PatchError.self) {
            try ServerSideApply.validate(try json(aliceConfig), apiVersion: "demo.example.com/v2", kind: "Widget", schema: schema)
        }
        #expect(kind.message == "invalid object type: demo.example.com/v1, Kind=Widget")
        let duplicate = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"s1"},
         "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Ready","status":"False"}]}}
        """)
        let dup = try #require(throws: PatchError.self) {
            try ServerSideApply.validate(duplicate, apiVersion: Widget.apiVersion, kind: "Widget", schema: schema)
        }
        #expect(dup.message == #"failed to create typed patch object (demo.example.com/v1, Kind=Widget): .status.conditions: duplicate entries for key [type="Ready"]"#)
        let keyless = try json(#"{"apiVersion":"demo.example.com/v1","kind":"Widget","status":{"conditions":[{"status":"True"}]}}"#)
        let missing = try #require(throws: PatchError.self) {
            try ServerSideApply.validate(keyless, apiVersion: Widget.apiVersion, kind: "Widget", schema: schema)
        }
        #expect(missing.message.hasSuffix(#".status.conditions: element 0: associative list with keys has an element that omits key field "type" (and doesn't have default value)"#))
        let core = try #require(throws: PatchError.self) {
            try ServerSideApply.validate(["apiVersion": "v1", "kind": "Secret"], apiVersion: "v1", kind: "ConfigMap", schema: schema)
        }
        #expect(core.message == "invalid object type: /v1, Kind=Secret")
        #expect(throws: PatchError.self) {
            try ServerSideApply.validate([1], apiVersion: "v1", kind: "ConfigMap", schema: schema)
        }
    }
}

extension JSONValue {
    var withoutManagedFieldsForTest: JSONValue {
        var copy = self
        copy[path: "metadata", "managedFields"] = nil
        return copy
    }
}
