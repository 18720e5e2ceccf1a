import Testing
import JSON
import KubePatch

/// Field ownership of creates, updates and non-apply patches, checked
/// against the managedFields the real API server recorded.
@Suite struct RecordUpdateTests {
    let widgetSchema: OpenAPIPatchSchema
    init() throws { widgetSchema = try Widget.schema() }

    func fieldsV1(_ object: JSONValue, _ index: Int = 0) -> String? {
        object[path: "metadata", "managedFields"]?[index]?["fieldsV1"]?.serialized()
    }

    /// The Widget p1 of 03-patch.md as created by demo-client.
    func createdWidget() throws -> JSONValue {
        let new = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"p1","labels":{"app":"demo","env":"dev"}},
         "spec":{"size":3,"color":"red"}}
        """)
        let recorded = ServerSideApply.recordUpdate(old: nil, new: stored(new, resourceVersion: "1991"), manager: "demo-client",
                                                    subresource: nil, schema: widgetSchema, now: "2026-11-22T07:40:18Z")
        return recorded
    }

    @Test func createOwnsEverythingWithParentMarkers() throws {
        let object = try createdWidget()
        let entries = try ManagedFieldsEntry.entries(of: object)
        #expect(entries == [ManagedFieldsEntry(
            manager: "demo-client", operation: "Update", apiVersion: "demo.example.com/v1", time: "2026-11-22T07:40:18Z",
            fieldsV1: try json(#"{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:env":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}}"#))])
    }

    /// 03-patch.md cases 1 and 5.
    @Test func mergeAndJSONPatchesMoveOwnership() throws {
        let created = try createdWidget()
        let merged = MergePatch.apply(try json(#"{"metadata": {"labels": {"env": null, "team": "a"}}, "spec": {"color": "blue"}}"#), to: created)
        let afterMerge = ServerSideApply.recordUpdate(old: created, new: merged, manager: "demo-client", subresource: nil,
                                                      schema: widgetSchema, now: "2026-11-22T07:40:18Z")
        #expect(fieldsV1(afterMerge) == #"{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:team":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}}"#)
        let ops = try json("""
        [{"op": "test", "path": "/spec/size", "value": 3}, {"op": "replace", "path": "/spec/size", "value": 4},
         {"op": "add", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "widget"}]
        """)
        let patched = try JSONPatch.apply(ops, to: afterMerge)
        let afterJSONPatch = ServerSideApply.recordUpdate(old: afterMerge, new: patched, manager: "demo-client", subresource: nil,
                                                          schema: widgetSchema, now: "2026-11-22T07:40:19Z")
        #expect(fieldsV1(afterJSONPatch) == #"{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:app.kubernetes.io/name":{},"f:team":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}}"#)
        #expect(afterJSONPatch[path: "metadata", "managedFields"]?[0]?["time"] == "2026-11-22T07:40:19Z")
    }

    @Test func noOpUpdateKeepsTheTime() throws {
        let created = try createdWidget()
        let same = ServerSideApply.recordUpdate(old: created, new: created, manager: "demo-client", subresource: nil,
                                                schema: widgetSchema, now: "2030-01-01T00:00:00Z")
        #expect(same == created)
    }

    /// 03-patch.md case 9: defaulted Deployment fields and list-map items.
    @Test func deploymentCreateMatchesTheServer() throws {
        let new = try json(DeploymentFixture.created)
        let object = ServerSideApply.recordUpdate(old: nil, new: new, manager: "demo-client", subresource: nil,
                                                  schema: BuiltinSchemas.schema(apiVersion: "apps/v1", kind: "Deployment"),
                                                  now: "2026-11-22T07:40:18Z")
        #expect(fieldsV1(object) == DeploymentFixture.createdFieldsV1)
        #expect(object[path: "metadata", "managedFields"]?[0]?["apiVersion"] == "apps/v1")
    }

    /// 02-crud.md cases 24 and 26.
    @Test func configMapAndServiceCreatesMatchTheServer() throws {
        let configMap = ServerSideApply.recordUpdate(
            old: nil, new: try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1"},"data":{"k":"v"}}"#),
            manager: "demo-client", subresource: nil, schema: BuiltinSchemas.schema(apiVersion: "v1", kind: "ConfigMap"),
            now: "2026-11-22T07:40:17Z")
        #expect(fieldsV1(configMap) == #"{"f:data":{".":{},"f:k":{}}}"#)

        let service = ServerSideApply.recordUpdate(
            old: nil, new: try json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
             "spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP",
              "sessionAffinity":"None","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
            """),
            manager: "demo-client", subresource: nil, schema: BuiltinSchemas.schema(apiVersion: "v1", kind: "Service"),
            now: "2026-11-22T07:40:17Z")
        #expect(fieldsV1(service) == #"{"f:spec":{"f:internalTrafficPolicy":{},"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:protocol":{},"f:targetPort":{}}},"f:selector":{},"f:sessionAffinity":{},"f:type":{}}}"#)
    }

    /// 02-crud.md case 21: PUT /status adds a status entry; the spec change
    /// the endpoint ignores is not attributed.
    @Test func statusUpdateAddsASubresourceEntry() throws {
        let live = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget",
         "metadata":{"name":"w1","namespace":"kt-crud","generation":2,"labels":{"app":"demo"},"resourceVersion":"1975",
          "managedFields":[{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
            "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}},
            "manager":"demo-client","operation":"Update","time":"2026-11-22T07:40:17Z"}]},
         "spec":{"color":"red","size":5}}
        """)
        var body = live
        body["spec"] = ["color": "red", "size": 9]
        body["status"] = try json("""
        {"observedGeneration":2,"conditions":[{"type":"Ready","status":"True","reason":"Reconciled","message":"all good",
          "lastTransitionTime":"2026-11-22T07:30:00Z"}]}
        """)
        let object = ServerSideApply.recordUpdate(old: live, new: body, manager: "demo-client", subresource: "status",
                                                  schema: widgetSchema, now: "2026-11-22T07:40:17Z", resetFields: [["spec"]])
        let entries = try ManagedFieldsEntry.entries(of: object)
        #expect(entries.count == 2)
        #expect(entries[0].subresource == nil)
        #expect(entries[0].fieldsV1.serialized() == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}}"#)
        #expect(entries[1].subresource == "status")
        #expect(entries[1].fieldsV1.serialized() == #"{"f:status":{".":{},"f:conditions":{".":{},"k:{\"type\":\"Ready\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}}"#)
    }

    /// 07-status-conditions-and-events.md cases 5 and 6.
    @Test func replacedAndAppendedConditionsMoveKeys() throws {
        let live = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"ready-w","uid":"u",
          "managedFields":[{"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{".":{},"f:color":{},"f:size":{}}},
            "manager":"demo-client","operation":"Update","time":"2026-11-22T07:42:16Z"},
           {"apiVersion":"demo.example.com/v1","fieldsType":"FieldsV1",
            "fieldsV1":{"f:status":{".":{},"f:conditions":{".":{},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:observedGeneration":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}},
            "manager":"demo-client","operation":"Update","subresource":"status","time":"2026-11-22T07:42:16Z"}]},
         "spec":{"color":"red","size":2},
         "status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Reconciled",
           "message":"widget is ready","lastTransitionTime":"2026-11-22T07:42:16Z","observedGeneration":1}]}}
        """)
        let progressing = try json(#"{"type":"Progressing","status":"False","reason":"Idle","lastTransitionTime":"2026-11-22T07:42:16Z"}"#)
        let replaced = MergePatch.apply(["status": ["conditions": [progressing]]], to: live)
        let afterReplace = ServerSideApply.recordUpdate(old: live, new: replaced, manager: "demo-client", subresource: "status",
                                                        schema: widgetSchema, now: "2026-11-22T07:42:16Z", resetFields: [["spec"]])
        #expect(fieldsV1(afterReplace, 1) == #"{"f:status":{".":{},"f:conditions":{".":{},"k:{\"type\":\"Progressing\"}":{".":{},"f:lastTransitionTime":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}}"#)

        var withMessage = progressing
        withMessage["message"] = "nothing to do"
        let appended = try JSONPatch.apply(JSONValue.array([["op": "add", "path": "/status/conditions/-", "value": withMessage]]), to: live)
        let afterAppend = ServerSideApply.recordUpdate(old: live, new: appended, manager: "demo-client", subresource: "status",
                                                       schema: widgetSchema, now: "2026-11-22T07:42:16Z", resetFields: [["spec"]])
        #expect(fieldsV1(afterAppend, 1) == #"{"f:status":{".":{},"f:conditions":{".":{},"k:{\"type\":\"Progressing\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Ready\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:observedGeneration":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}}"#)
    }

    @Test func sentManagedFieldsAreHonouredAndEmptyListResets() throws {
        let created = try createdWidget()
        var reset = created
        reset[path: "metadata", "managedFields"] = []
        reset[path: "spec", "size"] = 4
        let cleared = ServerSideApply.recordUpdate(old: created, new: reset, manager: "demo-client", subresource: nil,
                                                   schema: widgetSchema, now: "2026-11-22T07:50:00Z")
        #expect(cleared[path: "metadata", "managedFields"] == nil)

        // Without managedFields an update is not tracked ...
        var next = cleared
        next[path: "spec", "size"] = 5
        let untracked = ServerSideApply.recordUpdate(old: cleared, new: next, manager: "other", subresource: nil,
                                                     schema: widgetSchema, now: "2026-11-22T07:51:00Z")
        #expect(untracked[path: "metadata", "managedFields"] == nil)
        #expect(untracked[path: "spec", "size"] == 5)

        // ... until an apply starts tracking again.
        let applied = try ServerSideApply.apply(
            try json(#"{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"p1"},"spec":{"color":"red"}}"#),
            to: untracked, manager: "applier", force: false, subresource: nil, schema: widgetSchema, now: "2026-11-22T07:52:00Z")
        #expect(try ManagedFieldsEntry.entries(of: applied).map(\.manager) == ["applier"])

        // Sent entries replace the live ones.
        var rewritten = created
        rewritten[path: "metadata", "managedFields"] = [ManagedFieldsEntry(
            manager: "someone", operation: "Update", apiVersion: "demo.example.com/v1", time: "2026-11-22T07:00:00Z",
            fieldsV1: try json(#"{"f:spec":{"f:size":{}}}"#)).json]
        let honoured = ServerSideApply.recordUpdate(old: created, new: rewritten, manager: "demo-client", subresource: nil,
                                                    schema: widgetSchema, now: "2026-11-22T07:50:00Z")
        #expect(try ManagedFieldsEntry.entries(of: honoured).map(\.manager) == ["someone"])
    }

    @Test func updateManagersAreCappedIntoAncientChanges() throws {
        var object = try createdWidget()
        for i in 0..<11 {
            var next = object
            next[path: "metadata", "labels", "l\(i)"] = "v"
            object = ServerSideApply.recordUpdate(old: object, new: next, manager: "m\(i)", subresource: nil,
                                                  schema: widgetSchema, now: "2026-11-22T08:00:\(10 + i)Z")
        }
        let entries = try ManagedFieldsEntry.entries(of: object)
        #expect(entries.count == 10)
        let ancient = try #require(entries.first { $0.manager == "ancient-changes" })
        #expect(!entries.contains { ["demo-client", "m0", "m1"].contains($0.manager) })
        #expect(entries.contains { $0.manager == "m2" })
        #expect(ancient.time == "2026-11-22T08:00:11Z")
        let owned = try ancient.fieldSet()
        #expect(owned.contains(FieldPath(fields: "spec", "size")))
        #expect(owned.contains(FieldPath(fields: "metadata", "labels", "l0")))
        #expect(owned.contains(FieldPath(fields: "metadata", "labels", "l1")))
    }
}
