import JSON
import Testing
@testable import KubeTestServer

@Suite("PATCH flavours and server-side apply")
struct PatchTests {
    @Test("merge patch, JSON patch with test ops, and their errors")
    func mergeAndJSONPatch() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("p1", labels: ["app": "demo", "env": "dev"]))
            let merged = try await client.patch("\(widgets)/p1", ["metadata": ["labels": ["env": nil, "team": "a"]], "spec": ["color": "blue"]]).json
            #expect(merged[path: "metadata", "labels"] == ["app": "demo", "team": "a"])
            #expect(merged[path: "metadata", "generation"] == 2)
            let stale = try await client.patch("\(widgets)/p1", ["metadata": ["resourceVersion": "1"], "spec": ["size": 4]])
            #expect(stale.status == 409)
            #expect(try await client.patch("\(widgets)/missing", ["spec": ["size": 4]]).status == 404)
            let json = try await client.patch("\(widgets)/p1", [
                ["op": "test", "path": "/spec/size", "value": 3], ["op": "replace", "path": "/spec/size", "value": 4],
                ["op": "add", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "widget"],
            ], type: "application/json-patch+json").json
            #expect(json[path: "spec", "size"] == 4)
            #expect(json[path: "metadata", "labels", "app.kubernetes.io/name"] == "widget")
            let failed = try await client.patch("\(widgets)/p1", [["op": "test", "path": "/spec/size", "value": 999]], type: "application/json-patch+json")
            #expect(failed.status == 422)
            #expect(failed.json["message"] == "the server rejected our request due to an error in our request")
            let notArray = try await client.patch("\(widgets)/p1", ["op": "replace"], type: "application/json-patch+json")
            #expect(notArray.status == 400)
            let smp = try await client.patch("\(widgets)/p1", ["spec": ["size": 5]], type: "application/strategic-merge-patch+json")
            #expect(smp.status == 415)
            #expect(smp.json["message"] == "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
            let dry = try await client.patch("\(widgets)/p1?dryRun=All", ["spec": ["size": 9]]).json
            #expect(dry[path: "spec", "size"] == 9)
            #expect(try await client.get("\(widgets)/p1").json[path: "spec", "size"] == 4)
        }
    }

    @Test("strategic merge patch merges a Deployment's containers by name; built-in defaults are filled")
    func strategicMergePatch() async throws {
        try await withServer { server, client in
            let deployment: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["app": "web"]],
                "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                         "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [
                            ["name": "app", "image": "nginx:1.25", "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]]],
                            ["name": "sidecar", "image": "busybox:1.36"],
                         ]]]],
            ]
            let created = try await client.post("/apis/apps/v1/namespaces/default/deployments", deployment).json
            #expect(created[path: "spec", "strategy", "type"] == "RollingUpdate")
            #expect(created[path: "spec", "template", "spec", "containers"]?[0]?["imagePullPolicy"] == "IfNotPresent")
            #expect(created["status"] == [:])
            let patched = try await client.patch("/apis/apps/v1/namespaces/default/deployments/web",
                                                 ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:1.27"]]]]]],
                                                 type: "application/strategic-merge-patch+json").json
            let containers = patched[path: "spec", "template", "spec", "containers"]?.arrayValue ?? []
            #expect(containers.count == 2)
            #expect(containers[0]["image"] == "nginx:1.27")
            #expect(containers[0]["env"]?.arrayValue?.count == 2)
            #expect(patched[path: "metadata", "generation"] == 2)
        }
    }

    @Test("server-side apply: create, shared ownership, conflict, force, removal of dropped fields, fieldManager required")
    func serverSideApply() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let path = "\(widgets)/s1"
            let alice = "apiVersion: demo.example.com/v1\nkind: Widget\nmetadata:\n  name: s1\n  labels:\n    owner: alice\nspec:\n  size: 3\n  color: red\n"
            let missing = try await client.send("PATCH", path, headers: [("Content-Type", "application/apply-patch+yaml")], body: Array(alice.utf8))
            #expect(missing.status == 422)
            #expect(missing.json["message"] == "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
            let created = try await client.send("PATCH", "\(path)?fieldManager=alice", headers: [("Content-Type", "application/apply-patch+yaml")], body: Array(alice.utf8))
            #expect(created.status == 201)
            #expect(created.json[path: "metadata", "managedFields"]?[0]?["operation"] == "Apply")
            let bobSame: JSONValue = ["apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": ["name": "s1"], "spec": ["size": 3]]
            #expect(try await client.patch("\(path)?fieldManager=bob", bobSame, type: "application/apply-patch+yaml").status == 200)
            var bobChange = bobSame
            bobChange[path: "spec", "size"] = 4
            let conflict = try await client.patch("\(path)?fieldManager=bob", bobChange, type: "application/apply-patch+yaml")
            #expect(conflict.status == 409)
            #expect(conflict.json["message"] == "Apply failed with 1 conflict: conflict with \"alice\": .spec.size")
            #expect(conflict.json[path: "details", "causes"]?[0]?["reason"] == "FieldManagerConflict")
            let forced = try await client.patch("\(path)?fieldManager=bob&force=true", bobChange, type: "application/apply-patch+yaml")
            #expect(forced.json[path: "spec", "size"] == 4)
            let aliceShort = "apiVersion: demo.example.com/v1\nkind: Widget\nmetadata:\n  name: s1\nspec:\n  size: 4\n"
            let dropped = try await client.send("PATCH", "\(path)?fieldManager=alice", headers: [("Content-Type", "application/apply-patch+yaml")], body: Array(aliceShort.utf8)).json
            #expect(dropped[path: "metadata", "labels"] == nil)
            let status: JSONValue = ["apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": ["name": "s1"],
                                     "status": ["observedGeneration": 1]]
            let applied = try await client.patch("\(path)/status?fieldManager=ctl&force=true", status, type: "application/apply-patch+yaml").json
            #expect(applied[path: "status", "observedGeneration"] == 1)
            #expect(applied[path: "metadata", "managedFields"]?.arrayValue?.contains { $0["manager"] == "ctl" && $0["subresource"] == "status" } == true)
        }
    }
}
