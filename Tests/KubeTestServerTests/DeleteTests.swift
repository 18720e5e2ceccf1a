import JSON
import Testing
@testable import KubeTestServer

@Suite("DELETE, finalizers and garbage collection")
struct DeleteTests {
    @Test("an immediate delete answers a Status; a held one answers the object with deletionTimestamp")
    func deleteShapes() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let plain = try await client.post(widgets, widget("plain")).json
            let status = try await client.delete("\(widgets)/plain").json
            #expect(status == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                               "details": ["name": "plain", "group": "demo.example.com", "kind": "widgets",
                                           "uid": plain[path: "metadata", "uid"] ?? ""]])
            #expect(try await client.delete("\(widgets)/plain").status == 404)

            var held = widget("fin")
            held[path: "metadata", "finalizers"] = ["example.com/cleanup", "example.com/audit"]
            _ = try await client.post(widgets, held)
            let marked = try await client.delete("\(widgets)/fin").json
            #expect(marked["kind"] == "Widget")
            #expect(marked[path: "metadata", "deletionTimestamp"] != nil)
            #expect(marked[path: "metadata", "deletionGracePeriodSeconds"] == 0)
            #expect(marked[path: "metadata", "generation"] == 2)
            let again = try await client.delete("\(widgets)/fin").json
            #expect(again[path: "metadata", "deletionTimestamp"] == marked[path: "metadata", "deletionTimestamp"])

            let added = try await client.patch("\(widgets)/fin", ["metadata": ["finalizers": ["example.com/cleanup", "example.com/audit", "example.com/new"]]])
            #expect(added.status == 422)
            #expect(added.json[path: "details", "causes"]?.arrayValue?.count == 2)
            #expect(added.json["message"] == "Widget.demo.example.com \"fin\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/new\"}")
            #expect(try await client.patch("\(widgets)/fin", ["metadata": ["finalizers": ["example.com/audit"]]]).status == 200)
            #expect(try await client.get("\(widgets)/fin").status == 200)
            let last = try await client.patch("\(widgets)/fin", ["metadata": ["finalizers": nil]])
            #expect(last.status == 200)
            #expect(try await client.get("\(widgets)/fin").status == 404)
        }
    }

    @Test("preconditions and dryRun on DELETE")
    func preconditions() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let w = try await client.post(widgets, widget("pre")).json
            let uid = try await client.delete("\(widgets)/pre", ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": "00000000-0000-0000-0000-000000000000"]])
            #expect(uid.status == 409)
            #expect(uid.json["message"]?.stringValue?.hasPrefix("Operation cannot be fulfilled on Widget.demo.example.com \"pre\": the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match the UID in record") == true)
            let rv = try await client.delete("\(widgets)/pre", ["preconditions": ["resourceVersion": "1"]])
            #expect(rv.json["message"]?.stringValue?.contains("the ResourceVersion in the precondition (1) does not match") == true)
            #expect(try await client.delete("\(widgets)/pre?dryRun=All").json["status"] == "Success")
            #expect(try await client.get("\(widgets)/pre").status == 200)
            #expect(try await client.delete("\(widgets)/pre", ["preconditions": ["uid": w[path: "metadata", "uid"] ?? "", "resourceVersion": w[path: "metadata", "resourceVersion"] ?? ""]]).status == 200)
        }
    }

    private func ownedConfigMap(_ name: String, owner: JSONValue, block: Bool = true, finalizers: JSONValue? = nil) -> JSONValue {
        var cm: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [
            "name": .string(name),
            "ownerReferences": [["apiVersion": "demo.example.com/v1", "kind": "Widget", "name": owner[path: "metadata", "name"] ?? "",
                                 "uid": owner[path: "metadata", "uid"] ?? "", "controller": true, "blockOwnerDeletion": .bool(block)]],
        ], "data": ["k": "v"]]
        if let finalizers { cm[path: "metadata", "finalizers"] = finalizers }
        return cm
    }

    @Test("background propagation deletes dependents; orphan strips their owner references")
    func backgroundAndOrphan() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let owner = try await client.post(widgets, widget("owner-bg")).json
            _ = try await client.post("/api/v1/namespaces/default/configmaps", ownedConfigMap("child-bg", owner: owner))
            #expect(try await client.delete("\(widgets)/owner-bg?propagationPolicy=Background").json["status"] == "Success")
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/child-bg").status == 404)

            let orphanOwner = try await client.post(widgets, widget("owner-or")).json
            _ = try await client.post("/api/v1/namespaces/default/configmaps", ownedConfigMap("child-or", owner: orphanOwner))
            let answer = try await client.delete("\(widgets)/owner-or", ["kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Orphan"]).json
            #expect(answer[path: "metadata", "finalizers"] == ["orphan"])
            #expect(try await client.get("\(widgets)/owner-or").status == 404)
            let child = try await client.get("/api/v1/namespaces/default/configmaps/child-or").json
            #expect(child[path: "metadata", "ownerReferences"] == nil)
        }
    }

    @Test("foreground propagation keeps the owner until blocking dependents are gone")
    func foreground() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let owner = try await client.post(widgets, widget("owner-fg")).json
            _ = try await client.post("/api/v1/namespaces/default/configmaps", ownedConfigMap("child-fg", owner: owner, finalizers: ["example.com/hold"]))
            let answer = try await client.delete("\(widgets)/owner-fg", ["propagationPolicy": "Foreground"]).json
            #expect(answer[path: "metadata", "finalizers"] == ["foregroundDeletion"])
            let child = try await client.get("/api/v1/namespaces/default/configmaps/child-fg").json
            #expect(child[path: "metadata", "deletionTimestamp"] != nil)
            #expect(try await client.get("\(widgets)/owner-fg").status == 200)
            _ = try await client.patch("/api/v1/namespaces/default/configmaps/child-fg", ["metadata": ["finalizers": nil]])
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/child-fg").status == 404)
            #expect(try await client.get("\(widgets)/owner-fg").status == 404)
        }
    }

    @Test("deleting a namespace makes it Terminating, deletes its contents, then removes it")
    func namespaceDeletion() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "doomed"]])
            var held = widget("held", namespace: "doomed")
            held[path: "metadata", "finalizers"] = ["example.com/hold"]
            _ = try await client.post("/apis/demo.example.com/v1/namespaces/doomed/widgets", held)
            _ = try await client.post("/api/v1/namespaces/doomed/configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]])
            let terminating = try await client.delete("/api/v1/namespaces/doomed").json
            #expect(terminating[path: "status", "phase"] == "Terminating")
            #expect(try await client.get("/api/v1/namespaces/doomed/configmaps/c").status == 404)
            let blocked = try await client.post("/api/v1/namespaces/doomed/configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "new"]])
            #expect(blocked.status == 403)
            #expect(try await client.get("/api/v1/namespaces/doomed").status == 200)
            _ = try await client.patch("/apis/demo.example.com/v1/namespaces/doomed/widgets/held", ["metadata": ["finalizers": nil]])
            #expect(try await client.get("/api/v1/namespaces/doomed").status == 404)
        }
    }

    @Test("deletecollection deletes what the selector matches and answers the deleted list")
    func deleteCollection() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            for (name, batch) in [("dc1", "x"), ("dc2", "x"), ("dc3", "y")] {
                _ = try await client.post(widgets, widget(name, labels: ["batch": .string(batch)]))
            }
            let deleted = try await client.delete("\(widgets)?labelSelector=batch%3Dx").json
            #expect(deleted["kind"] == "WidgetList")
            #expect(deleted["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue } == ["dc1", "dc2"])
            #expect(try await client.get(widgets).json["items"]?.arrayValue?.count == 1)
        }
    }
}
