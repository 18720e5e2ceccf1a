import Testing
import JSON
import KubePatch

/// The server-side apply behaviour the operator relies on, on built-in kinds.
@Suite struct ServerSideApplySemanticsTests {
    let schema = BuiltinSchemas.schema(apiVersion: "apps/v1", kind: "Deployment")
    static let t1 = "2026-11-22T09:00:00Z"
    static let t2 = "2026-11-22T09:05:00Z"

    func deployment(_ containers: String, replicas: Int64 = 2, extra: String = "") throws -> JSONValue {
        try json("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"\(extra)},
         "spec":{"replicas":\(replicas),"template":{"spec":{"containers":[\(containers)]}}}}
        """)
    }

    func apply(_ config: JSONValue, to live: JSONValue?, manager: String, force: Bool = false,
               now: String = t1) throws -> JSONValue {
        let result = try ServerSideApply.apply(config, to: live, manager: manager, force: force, subresource: nil,
                                               schema: schema, now: now)
        return live == nil ? stored(result, resourceVersion: "1") : result
    }

    func containerNames(_ object: JSONValue) -> [String] {
        object[path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    func owned(_ object: JSONValue, by manager: String) throws -> FieldSet {
        let entry = try #require(try ManagedFieldsEntry.entries(of: object).first { $0.manager == manager })
        return try entry.fieldSet()
    }

    @Test func listMapItemsAreOwnedPerKeyAndRemovedWhenDropped() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"app:1"}"#), to: nil, manager: "operator")
        let b = try apply(try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"side:1"}]}}}}"#),
                          to: a, manager: "injector")
        #expect(containerNames(b) == ["app", "sidecar"])
        #expect(try owned(b, by: "injector").contains([.field("spec"), .field("template"), .field("spec"), .field("containers"), .key([("name", "sidecar")])]))

        // The operator now applies a different container: its old one goes, the injector's stays.
        let c = try apply(try deployment(#"{"name":"web","image":"web:1"}"#), to: b, manager: "operator")
        #expect(containerNames(c) == ["sidecar", "web"])
        #expect(c[path: "spec", "template", "spec", "containers"]?[0]?["image"] == "side:1")
    }

    @Test func atomicListsAreReplacedAndConflictAsAWhole() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"app:1","args":["a","b"]}"#), to: nil, manager: "operator")
        let b = try apply(try deployment(#"{"name":"app","image":"app:1","args":["c"]}"#), to: a, manager: "operator")
        #expect(b[path: "spec", "template", "spec", "containers"]?[0]?["args"] == ["c"])
        let other = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","args":["d"]}]}}}}"#)
        let conflict = try #require(throws: ApplyConflict.self) { try apply(other, to: b, manager: "someone") }
        #expect(conflict.message == #"Apply failed with 1 conflict: conflict with "operator": .spec.template.spec.containers[name="app"].args"#)
    }

    @Test func setsMergeAndEachValueIsOwned() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#, extra: #","finalizers":["kai.dev/cleanup"]"#),
                          to: nil, manager: "operator")
        let b = try apply(try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["other/f"]}}"#),
                          to: a, manager: "other")
        #expect(b[path: "metadata", "finalizers"] == ["kai.dev/cleanup", "other/f"])
        let c = try apply(try deployment(#"{"name":"app","image":"x"}"#), to: b, manager: "operator")
        #expect(c[path: "metadata", "finalizers"] == ["other/f"])
    }

    @Test func sharedFieldSurvivesWhenOneOwnerLetsGo() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#, replicas: 3), to: nil, manager: "operator")
        let shared = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}"#)
        let b = try apply(shared, to: a, manager: "scaler")
        let c = try apply(try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x"}]}}}}"#),
                          to: b, manager: "operator")
        #expect(c[path: "spec", "replicas"] == 3)
        #expect(!(try owned(c, by: "operator")).contains(FieldPath(fields: "spec", "replicas")))
        #expect(try owned(c, by: "scaler").contains(FieldPath(fields: "spec", "replicas")))
    }

    @Test func fieldTakenByAnUpdaterIsNotRemovedByTheApplier() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#, replicas: 3), to: nil, manager: "operator")
        var scaled = a
        scaled[path: "spec", "replicas"] = 5
        let b = ServerSideApply.recordUpdate(old: a, new: scaled, manager: "kubectl", subresource: nil, schema: schema, now: Self.t2)
        let c = try apply(try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"x"}]}}}}"#),
                          to: b, manager: "operator")
        #expect(c[path: "spec", "replicas"] == 5)
        let kubectl = try #require(try ManagedFieldsEntry.entries(of: c).first { $0.manager == "kubectl" })
        #expect(kubectl.operation == "Update")
        #expect(kubectl.apiVersion == "apps/v1")
        #expect(kubectl.time == Self.t2)
    }

    @Test func forceTakesFieldsFromUpdatersWithTheirVersionInTheMessage() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#, replicas: 3), to: nil, manager: "operator")
        var scaled = a
        scaled[path: "spec", "replicas"] = 5
        let b = ServerSideApply.recordUpdate(old: a, new: scaled, manager: "kubectl-client-side-apply", subresource: nil,
                                             schema: schema, now: Self.t2)
        let config = try deployment(#"{"name":"app","image":"x"}"#, replicas: 3)
        let conflict = try #require(throws: ApplyConflict.self) { try apply(config, to: b, manager: "operator") }
        #expect(conflict.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
        let forced = try apply(config, to: b, manager: "operator", force: true)
        #expect(forced[path: "spec", "replicas"] == 3)
        #expect(!(try ManagedFieldsEntry.entries(of: forced)).contains { $0.manager == "kubectl-client-side-apply" })
    }

    @Test func removingAWholeStructAndKeepingSystemMetadata() throws {
        let withStrategy = try json("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"a":"1"},"annotations":{"n":"1"}},
         "spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}
        """)
        let a = try apply(withStrategy, to: nil, manager: "operator")
        let b = try apply(try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}"#), to: a, manager: "operator")
        #expect(b["spec"] == nil)
        #expect(b[path: "metadata", "labels"] == nil)
        #expect(b[path: "metadata", "annotations"] == nil)
        #expect(b[path: "metadata", "uid"] == a[path: "metadata", "uid"])
        #expect(b[path: "metadata", "resourceVersion"] == "1")
        #expect(b[path: "metadata", "managedFields"] == nil)
    }

    @Test func noOpApplyLeavesTheObjectAndTimeAlone() throws {
        let config = try deployment(#"{"name":"app","image":"x"}"#)
        let a = try apply(config, to: nil, manager: "operator", now: Self.t1)
        let b = try apply(config, to: a, manager: "operator", now: Self.t2)
        #expect(b == a)
        let c = try apply(try deployment(#"{"name":"app","image":"y"}"#), to: a, manager: "operator", now: Self.t2)
        #expect(try ManagedFieldsEntry.entries(of: c).first?.time == Self.t2)
    }

    @Test func configManagedFieldsAreIgnored() throws {
        var config = try deployment(#"{"name":"app","image":"x"}"#)
        config[path: "metadata", "managedFields"] = [["manager": "forged", "operation": "Apply"]]
        let a = try apply(config, to: nil, manager: "operator")
        #expect(try ManagedFieldsEntry.entries(of: a).map(\.manager) == ["operator"])
    }

    @Test func servicePortsAreKeyedByPortAndDefaultedProtocol() throws {
        let service = BuiltinSchemas.schema(apiVersion: "v1", kind: "Service")
        let config = try json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80,"targetPort":8080}]}}"#)
        let a = try ServerSideApply.apply(config, to: nil, manager: "operator", force: false, subresource: nil, schema: service, now: Self.t1)
        let entry = try #require(try ManagedFieldsEntry.entries(of: a).first)
        #expect(entry.fieldsV1.serialized() == #"{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:targetPort":{}}}}}"#)
    }

    @Test func statusApplierAndSpecApplierDoNotInterfere() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#), to: nil, manager: "operator")
        let status = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"conditions":[{"type":"Available","status":"True"}]}}"#)
        let b = try ServerSideApply.apply(status, to: a, manager: "operator", force: true, subresource: "status",
                                          schema: schema, now: Self.t2, resetFields: [["spec"]])
        let entries = try ManagedFieldsEntry.entries(of: b)
        #expect(entries.map(\.manager) == ["operator", "operator"])
        #expect(entries.map(\.subresource) == [nil, "status"])
        // Re-applying the spec config leaves the status alone.
        let c = try apply(try deployment(#"{"name":"app","image":"x"}"#), to: b, manager: "operator")
        #expect(c["status"] == b["status"])
        // A status change by another manager conflicts with a status subresource owner.
        let other = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"conditions":[{"type":"Available","status":"False"}]}}"#)
        let conflict = try #require(throws: ApplyConflict.self) {
            try ServerSideApply.apply(other, to: c, manager: "intruder", force: false, subresource: "status", schema: schema, now: Self.t2)
        }
        #expect(conflict.message == #"Apply failed with 1 conflict: conflict with "operator" with subresource "status": .status.conditions[type="Available"].status"#)
    }

    @Test func nullInTheConfigurationRemovesTheFieldAfterConflictChecks() throws {
        let a = try apply(try deployment(#"{"name":"app","image":"x"}"#, replicas: 3), to: nil, manager: "operator")
        let clear = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":null,"paused":null}}"#)
        let conflict = try #require(throws: ApplyConflict.self) { try apply(clear, to: a, manager: "other") }
        #expect(conflict.message == #"Apply failed with 1 conflict: conflict with "operator": .spec.replicas"#)
        let cleared = try apply(clear, to: a, manager: "other", force: true)
        #expect(cleared[path: "spec", "replicas"] == nil)
        #expect(cleared[path: "spec", "paused"] == nil)
        #expect(cleared[path: "spec", "template"] == a[path: "spec", "template"])
    }
}
