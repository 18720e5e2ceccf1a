import Testing
import JSON
import KubePatch

/// managedFields details checked against the real API server's recordings
/// (04-delete-finalizers, 07-status-conditions-and-events, 09-auth-errors).
@Suite struct ManagedFieldsFidelityTests {
    func created(_ text: String, apiVersion: String, kind: String, manager: String = "demo-client") throws -> JSONValue {
        ServerSideApply.recordUpdate(old: nil, new: try json(text), manager: manager, subresource: nil,
                                     schema: BuiltinSchemas.schema(apiVersion: apiVersion, kind: kind),
                                     now: "2026-11-22T07:42:08Z")
    }

    func fieldsV1(_ object: JSONValue, _ index: Int = 0) -> JSONValue? {
        object[path: "metadata", "managedFields"]?[index]?["fieldsV1"]
    }

    /// 04-delete-finalizers.md case 14: `OwnerReference` is `+structType=atomic`.
    @Test func ownerReferenceIsOwnedAsOneItem() throws {
        let object = try created("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"child","ownerReferences":[{"apiVersion":"demo.example.com/v1",
         "kind":"Widget","name":"owner","uid":"c77c","controller":true,"blockOwnerDeletion":true}]},"data":{"k":"v"}}
        """, apiVersion: "v1", kind: "ConfigMap")
        #expect(fieldsV1(object) == (try json(#"""
        {"f:data":{".":{},"f:k":{}},"f:metadata":{"f:ownerReferences":{".":{},"k:{\"uid\":\"c77c\"}":{}}}}
        """#)))
    }

    /// Changing one field of an owner reference moves the whole reference.
    @Test func changingAnOwnerReferenceTakesTheWholeItem() throws {
        let before = try created("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u1"}]}}
        """, apiVersion: "v1", kind: "ConfigMap", manager: "creator")
        var after = before
        after[path: "metadata", "ownerReferences"] = try json(#"[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u1","controller":true}]"#)
        let recorded = ServerSideApply.recordUpdate(old: before, new: after, manager: "gc", subresource: nil,
                                                    schema: BuiltinSchemas.schema(apiVersion: "v1", kind: "ConfigMap"),
                                                    now: "2026-11-22T07:42:09Z")
        let entries = try ManagedFieldsEntry.entries(of: recorded)
        #expect(entries.map(\.manager) == ["creator", "gc"])
        #expect(entries[1].fieldsV1 == (try json(#"{"f:metadata":{"f:ownerReferences":{"k:{\"uid\":\"u1\"}":{}}}}"#)))
        #expect(entries[0].fieldsV1 == (try json(#"{"f:metadata":{"f:ownerReferences":{}}}"#)))
    }

    /// 09-auth-errors.md case 13: `roleRef` is atomic and `subjects` an atomic list.
    @Test func roleBindingRoleRefIsAtomic() throws {
        let object = try created("""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"r","namespace":"ns"},
         "subjects":[{"kind":"ServiceAccount","name":"reader","namespace":"ns"}],
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"}}
        """, apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding")
        #expect(fieldsV1(object) == (try json(#"{"f:roleRef":{},"f:subjects":{}}"#)))
    }

    /// 09-auth-errors.md case 17: a review's `spec` always exists, so it is not marked as added.
    @Test func reviewSpecHasNoSelfMarker() throws {
        let object = try created("""
        {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
         "spec":{"resourceAttributes":{"namespace":"kt-auth","verb":"list","group":"demo.example.com","resource":"widgets"}}}
        """, apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview")
        #expect(fieldsV1(object) == (try json(#"""
        {"f:spec":{"f:resourceAttributes":{".":{},"f:group":{},"f:namespace":{},"f:resource":{},"f:verb":{}}}}
        """#)))
    }

    /// 07-status-conditions-and-events.md case 10: `involvedObject` is an atomic `ObjectReference`;
    /// the fields a new core Event always serializes (`eventTime: null`, `reportingComponent: ""`) are not owned.
    @Test func coreEventFields() throws {
        let object = try created("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"e","namespace":"ns"},
         "involvedObject":{"apiVersion":"demo.example.com/v1","kind":"Widget","namespace":"ns","name":"w","uid":"u"},
         "reason":"R","message":"m","source":{"component":"c"},"firstTimestamp":"2026-11-22T07:41:46Z",
         "lastTimestamp":"2026-11-22T07:42:16Z","count":2,"type":"Warning","eventTime":null,"reportingComponent":"",
         "reportingInstance":""}
        """, apiVersion: "v1", kind: "Event")
        #expect(fieldsV1(object) == (try json(#"""
        {"f:count":{},"f:firstTimestamp":{},"f:involvedObject":{},"f:lastTimestamp":{},"f:message":{},"f:reason":{},
         "f:source":{"f:component":{}},"f:type":{}}
        """#)))
    }

    /// 07-status-conditions-and-events.md case 7: an events.k8s.io/v1 Event in its own field names.
    @Test func eventsV1EventFields() throws {
        let object = try created("""
        {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e","namespace":"ns"},
         "eventTime":"2026-11-22T07:42:16.670325Z","reportingController":"c","reportingInstance":"i","action":"A",
         "reason":"R","regarding":{"kind":"Widget","name":"w"},"note":"n","type":"Normal","deprecatedSource":{},
         "deprecatedFirstTimestamp":null,"deprecatedLastTimestamp":null}
        """, apiVersion: "events.k8s.io/v1", kind: "Event")
        #expect(fieldsV1(object) == (try json(#"""
        {"f:action":{},"f:eventTime":{},"f:note":{},"f:reason":{},"f:regarding":{},"f:reportingController":{},
         "f:reportingInstance":{},"f:type":{}}
        """#)))
        #expect(object[path: "metadata", "managedFields"]?[0]?["apiVersion"] == "events.k8s.io/v1")
    }

    /// Renames `note` <-> `message` between two versions of a test kind.
    struct RenamingConverter: VersionConverter {
        func converted(_ object: JSONValue, to apiVersion: String) -> VersionedObject? {
            var out = object
            switch apiVersion {
            case "v2": if let m = object["message"] { out["message"] = nil; out["note"] = m }
            case "v1": if let n = object["note"] { out["note"] = nil; out["message"] = n }
            default: return nil
            }
            out["apiVersion"] = .string(apiVersion)
            return VersionedObject(object: out, schema: KindSchema())
        }
    }

    /// A manager whose entry is in another version loses a field another
    /// manager changes, compared in that manager's own field names.
    @Test func managersOfOtherVersionsAreComparedInTheirVersion() throws {
        let v2 = try json(#"{"apiVersion":"v2","kind":"Thing","metadata":{"name":"t"},"note":"a","reason":"r"}"#)
        let created = ServerSideApply.recordUpdate(old: nil, new: v2, manager: "writer-v2", subresource: nil,
                                                   schema: KindSchema(), now: "2026-11-22T07:00:00Z")
        // The same object read and changed through v1.
        var asV1 = try #require(RenamingConverter().converted(created, to: "v1")).object
        let oldV1 = asV1
        asV1["message"] = "b"
        let updated = ServerSideApply.recordUpdate(old: oldV1, new: asV1, manager: "writer-v1", subresource: nil,
                                                   schema: KindSchema(), now: "2026-11-22T07:00:01Z",
                                                   converter: RenamingConverter())
        let entries = try ManagedFieldsEntry.entries(of: updated)
        #expect(entries.map(\.manager) == ["writer-v2", "writer-v1"])
        #expect(entries[0].apiVersion == "v2")
        #expect(entries[0].fieldsV1 == (try json(#"{"f:reason":{}}"#)))
        #expect(entries[1].apiVersion == "v1")
        #expect(entries[1].fieldsV1 == (try json(#"{"f:message":{}}"#)))
        // Without the converter the v2 manager would keep `note`, which changed.
        let unconverted = ServerSideApply.recordUpdate(old: oldV1, new: asV1, manager: "writer-v1", subresource: nil,
                                                       schema: KindSchema(), now: "2026-11-22T07:00:01Z")
        #expect(try ManagedFieldsEntry.entries(of: unconverted)[0].fieldsV1 == (try json(#"{"f:note":{},"f:reason":{}}"#)))
    }

    /// The API server's order: Apply before Update, then oldest first, then
    /// manager, API version and subresource (fieldmanager's sortEncodedManagedFields).
    @Test func entriesAreSortedLikeTheServer() throws {
        let schema = KindSchema()
        var object = try json(#"{"apiVersion":"v1","kind":"Thing","metadata":{"name":"t"},"spec":{"a":1},"status":{"b":1}}"#)
        object = ServerSideApply.recordUpdate(old: nil, new: object, manager: "m", subresource: nil, schema: schema,
                                              now: "2026-11-22T07:00:00Z", resetFields: [["status"]])
        var statusChange = object
        statusChange[path: "status", "b"] = 2
        object = ServerSideApply.recordUpdate(old: object, new: statusChange, manager: "m", subresource: "status",
                                              schema: schema, now: "2026-11-22T07:00:05Z", resetFields: [["spec"]])
        var specChange = object
        specChange[path: "spec", "a"] = 2
        let later = ServerSideApply.recordUpdate(old: object, new: specChange, manager: "m", subresource: nil,
                                                 schema: schema, now: "2026-11-22T07:01:00Z", resetFields: [["status"]])
        #expect(try ManagedFieldsEntry.entries(of: later).map { $0.subresource ?? "" } == ["status", ""])
        let sameSecond = ServerSideApply.recordUpdate(old: object, new: specChange, manager: "m", subresource: nil,
                                                      schema: schema, now: "2026-11-22T07:00:05Z", resetFields: [["status"]])
        #expect(try ManagedFieldsEntry.entries(of: sameSecond).map { $0.subresource ?? "" } == ["", "status"])
        let applied = try ServerSideApply.apply(try json(#"{"apiVersion":"v1","kind":"Thing","metadata":{"name":"t"},"spec":{"c":1}}"#),
                                                to: later, manager: "z", force: false, subresource: nil, schema: schema,
                                                now: "2026-11-22T08:00:00Z")
        #expect(try ManagedFieldsEntry.entries(of: applied).map(\.operation) == ["Apply", "Update", "Update"])
    }
}
