import Foundation
import JSON
import Testing
@testable import KubeTestServer

/// managedFields as the real API server's field manager records them
/// (02-crud.md cases 3 and 26, 07-status-conditions-and-events.md cases 7-11),
/// the DELETED event of a filtered watch (05-watch.md case 8) and the patched
/// object a MicroTime rejection quotes (08-leases.md cases 7 and 8).
@Suite("managedFields and related fidelity")
struct ManagedFieldsTests {
    func fieldsV1(_ object: JSONValue, _ index: Int = 0) -> JSONValue? {
        object[path: "metadata", "managedFields"]?[index]?["fieldsV1"]
    }

    @Test("a Namespace's registry-set spec.finalizers is not owned by its creator")
    func namespaceFinalizersAreNotOwned() async throws {
        try await withServer { _, client in
            let created = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "mf"]]).json
            #expect(created[path: "spec", "finalizers"] == ["kubernetes"])
            #expect(fieldsV1(created) == ["f:metadata": ["f:labels": [".": [:], "f:kubernetes.io/metadata.name": [:]]]])
        }
    }

    @Test("a Service's allocated IPs and IP families are owned only when the client sent them")
    func serviceAllocationsAreNotOwned() async throws {
        try await withServer { _, client in
            let services = "/api/v1/namespaces/default/services"
            let plain = try await client.post(services, [
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                "spec": ["selector": ["app": "web"], "ports": [["port": 80, "targetPort": 8080]]],
            ]).json
            #expect(plain[path: "spec", "clusterIP"]?.stringValue?.isEmpty == false)
            let spec = try #require(fieldsV1(plain)?["f:spec"]?.objectValue)
            #expect(Set(spec.keys) == ["f:internalTrafficPolicy", "f:ports", "f:selector", "f:sessionAffinity", "f:type"])

            let fixed = try await client.post(services, [
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "fixed"],
                "spec": ["clusterIP": "10.96.0.77", "ports": [["port": 80]]],
            ]).json
            #expect(fixed[path: "spec", "clusterIPs"] == ["10.96.0.77"])
            let fixedSpec = try #require(fieldsV1(fixed)?["f:spec"]?.objectValue)
            #expect(fixedSpec["f:clusterIP"] != nil)
            #expect(fixedSpec["f:clusterIPs"] == nil && fixedSpec["f:ipFamilies"] == nil && fixedSpec["f:ipFamilyPolicy"] == nil)
        }
    }

    static let eventsV1Event: JSONValue = [
        "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "e1"],
        "eventTime": "2026-11-22T07:42:16.670325Z", "reportingController": "demo.example.com/widget-controller",
        "reportingInstance": "x1", "action": "Reconcile", "reason": "Scaled", "note": "scaled to 2", "type": "Normal",
        "regarding": ["apiVersion": "demo.example.com/v1", "kind": "Widget", "namespace": "default", "name": "w", "uid": "u"],
    ]

    @Test("an events.k8s.io/v1 write is recorded in that version, whichever version reads it")
    func eventsKeepTheVersionTheyWereWrittenIn() async throws {
        try await withServer { _, client in
            let created = try await client.post("/apis/events.k8s.io/v1/namespaces/default/events", Self.eventsV1Event).json
            let expected: JSONValue = ["f:action": [:], "f:eventTime": [:], "f:note": [:], "f:reason": [:], "f:regarding": [:],
                                       "f:reportingController": [:], "f:reportingInstance": [:], "f:type": [:]]
            #expect(created[path: "metadata", "managedFields", ]?[0]?["apiVersion"] == "events.k8s.io/v1")
            #expect(fieldsV1(created) == expected)
            let core = try await client.get("/api/v1/namespaces/default/events/e1").json
            #expect(core["message"] == "scaled to 2")
            #expect(core[path: "metadata", "managedFields"]?[0]?["apiVersion"] == "events.k8s.io/v1")
            #expect(fieldsV1(core) == expected)
        }
    }

    @Test("a core/v1 write takes the changed field from an events.k8s.io/v1 manager in its own field names")
    func otherVersionManagersLoseChangedFields() async throws {
        try await withServer { _, client in
            _ = try await client.post("/apis/events.k8s.io/v1/namespaces/default/events", Self.eventsV1Event)
            var patcher = client
            patcher.userAgent = "core-writer/1.0"
            let patched = try await patcher.patch("/api/v1/namespaces/default/events/e1", ["message": "scaled to 3"]).json
            let entries = patched[path: "metadata", "managedFields"]?.arrayValue ?? []
            let byManager = Dictionary(entries.map { ($0["manager"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            let creator = try #require(byManager["test-client"])
            let writer = try #require(byManager["core-writer"])
            #expect(entries.count == 2)
            #expect(creator["apiVersion"] == "events.k8s.io/v1")
            #expect(creator[path: "fieldsV1", "f:note"] == nil)
            #expect(creator[path: "fieldsV1", "f:regarding"] != nil)
            #expect(writer["apiVersion"] == "v1")
            #expect(writer["fieldsV1"] == ["f:message": [:]])
        }
    }

    @Test("an object leaving a filtered watch arrives DELETED in its last matching state at the new resourceVersion")
    func filteredWatchDeletedCarriesTheLastMatchingState() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w1", labels: ["tier": "gold"]))
            let (_, events) = try await client.watch("\(widgets)?watch=1&labelSelector=tier%3Dgold")
            var it = events.makeAsyncIterator()
            _ = try await it.next()
            let patched = try await client.patch("\(widgets)/w1", ["metadata": ["labels": ["tier": nil]]]).json
            let deleted = try #require(try await it.next())
            #expect(deleted["type"] == "DELETED")
            #expect(deleted[path: "object", "metadata", "labels", "tier"] == "gold")
            #expect(deleted[path: "object", "metadata", "resourceVersion"] == patched[path: "metadata", "resourceVersion"])
        }
    }

    @Test("a rejected MicroTime in a merge patch quotes the patched object as Go's merge-patch library wrote it")
    func microTimeRejectionQuotesGoMergePatchOutput() async throws {
        try await withServer { _, client in
            let leases = "/apis/coordination.k8s.io/v1/namespaces/default/leases"
            _ = try await client.post(leases, [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "l"],
                "spec": ["holderIdentity": "a", "leaseDurationSeconds": 15, "renewTime": "2026-11-22T07:42:33.104897Z"],
            ])
            let response = try await client.patch("\(leases)/l", ["spec": ["renewTime": "2026-11-22T08:00:00Z"]])
            #expect(response.status == 422)
            let message = try #require(response.json[path: "details", "causes"]?[0]?["message"]?.stringValue)
            // Top level and the patched spec sorted; untouched metadata in served (Go struct) order.
            #expect(message.hasPrefix(#"Invalid value: "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"l\",\"namespace\":\"default\",\"uid\":"#))
            #expect(message.contains(#"\"spec\":{\"holderIdentity\":\"a\",\"leaseDurationSeconds\":15,\"renewTime\":\"2026-11-22T08:00:00Z\"}}""#))
        }
    }

    @Test("Go merge-patch text: touched and added objects sorted, nulls dropped (also in added arrays' objects), untouched values as served")
    func goMergePatchText() throws {
        let served = try JSONValue(parsing: #"{"kind":"K","metadata":{"name":"n","labels":{"b":"1","a":"2"}},"spec":{"z":1,"y":{"q":1,"p":2}}}"#)
        let patch = try JSONValue(parsing: #"{"spec":{"z":null,"x":{"d":1,"c":null,"b":[{"k":1,"j":null}]}}}"#)
        #expect(Patching.goMergePatchText(patch, to: served)
                == #"{"kind":"K","metadata":{"name":"n","labels":{"b":"1","a":"2"}},"spec":{"x":{"b":[{"k":1}],"d":1},"y":{"q":1,"p":2}}}"#)
    }
}
