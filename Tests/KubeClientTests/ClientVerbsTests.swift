import Foundation
import JSON
import Testing
@testable import KubeClient

/// Every verb sends what the API server expects: method, path, query, body, content type.
@Suite struct ClientVerbsTests {
    static func echo(_ r: ScriptedServer.Recorded) -> ScriptedServer.Reply {
        if r.method == "DELETE" && r.path.hasSuffix("/gone") {
            return .json(200, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"gone","group":"demo.example.com","kind":"widgets","uid":"u1"}}"#)
        }
        if r.path.hasSuffix("/widgets") && r.method == "GET" {
            let page = r.queryItems["continue"] == nil
                ? #"{"apiVersion":"demo.example.com/v1","kind":"WidgetList","metadata":{"resourceVersion":"9","continue":"next","remainingItemCount":1},"items":[\#(widgetJSON)]}"#
                : #"{"apiVersion":"demo.example.com/v1","kind":"WidgetList","metadata":{"resourceVersion":"9"},"items":[\#(widgetJSON.replacingOccurrences(of: "w1", with: "w2"))]}"#
            return .json(200, page)
        }
        if r.path.hasSuffix("/scale") {
            return .json(200, #"{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"kt"},"spec":{"replicas":3},"status":{"replicas":3,"selector":"app=web"}}"#)
        }
        if r.path == "/version" {
            return .json(200, #"{"major":"1","minor":"36","gitVersion":"v1.36.0","platform":"linux/amd64"}"#)
        }
        return .json(r.method == "POST" ? 201 : 200, widgetJSON)
    }

    @Test func getListCreateUpdatePatchDelete() async throws {
        try await withScriptedServer({ Self.echo($0) }) { server in
            let kube = try client(server)
            let w = try await kube.get(Widget.self, name: "w1")
            #expect(w.spec?.size == 3)
            #expect(w.metadata.resourceVersion == "7")

            let all = try await kube.listAll(Widget.self, namespace: "kt", options: ListOptions(labelSelector: "app in (a,b)"), pageSize: 1)
            #expect(all.items.map(\.metadata.name) == ["w1", "w2"])

            _ = try await kube.create(w, options: WriteOptions(fieldManager: "kai-operator", dryRun: true))
            _ = try await kube.update(w)
            _ = try await kube.updateStatus(w)
            _ = try await kube.patch(Widget.self, name: "w1", .merge(["spec": ["size": 4]]))
            _ = try await kube.patch(Widget.self, name: "w1", .json([["op": "replace", "path": "/spec/size", "value": 5]]))
            _ = try await kube.patch(Widget.self, name: "w1", .apply(["apiVersion": "demo.example.com/v1", "kind": "Widget"]),
                                     subresource: "status", options: WriteOptions(fieldManager: "kai-operator", force: true))
            guard case .deleted(let status) = try await kube.delete(Widget.self, name: "gone", options: DeleteOptions(propagationPolicy: "Foreground", preconditionUID: "u1")) else {
                Issue.record("expected a Status"); return
            }
            #expect(status?.details?.uid == "u1")
            guard case .pending(let pending) = try await kube.delete(Widget.self, name: "w1") else { Issue.record("expected the object"); return }
            #expect(pending.metadata.name == "w1")
            let scale = try await kube.getScale(.deployments, name: "web")
            #expect(scale.spec.replicas == 3)
            #expect(try await kube.serverVersion().minor == "36")

            let r = server.requests
            #expect(r[0].method == "GET" && r[0].path == "/apis/demo.example.com/v1/namespaces/kt/widgets/w1")
            #expect(r[0].header("authorization") == "Bearer t0k3n")
            #expect(r[0].header("accept") == "application/json")
            #expect(r[1].queryItems["limit"] == "1" && r[1].queryItems["labelSelector"] == "app in (a,b)")
            #expect(r[2].queryItems["continue"] == "next")
            #expect(r[3].method == "POST" && r[3].path == "/apis/demo.example.com/v1/namespaces/kt/widgets")
            #expect(r[3].queryItems["dryRun"] == "All" && r[3].queryItems["fieldManager"] == "kai-operator")
            #expect(r[4].method == "PUT" && r[4].path.hasSuffix("/widgets/w1"))
            #expect(r[5].method == "PUT" && r[5].path.hasSuffix("/widgets/w1/status"))
            #expect(r[6].header("content-type") == "application/merge-patch+json")
            #expect(try JSONValue(parsing: r[6].body) == ["spec": ["size": 4]])
            #expect(r[7].header("content-type") == "application/json-patch+json")
            #expect(r[8].header("content-type") == "application/apply-patch+yaml" && r[8].queryItems["force"] == "true")
            #expect(r[8].path.hasSuffix("/w1/status"))
            #expect(r[9].method == "DELETE")
            let deleteBody = try JSONValue(parsing: r[9].body)
            #expect(deleteBody["propagationPolicy"] == "Foreground")
            #expect(deleteBody[path: "preconditions", "uid"] == "u1")
            #expect(r[11].path == "/apis/apps/v1/namespaces/kt/deployments/web/scale")
        }
    }

    @Test func untypedVerbsAndClusterScope() async throws {
        try await withScriptedServer({ r in .json(200, #"{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"}}"#) }) { server in
            let kube = try client(server)
            let ns = try await kube.get(.namespaces, name: "x", namespace: "ignored")
            #expect(ns[path: "metadata", "name"] == "x")
            _ = try await kube.list(.configMaps, namespace: nil, options: ListOptions(fieldSelector: "metadata.name=a", resourceVersion: "0"))
            _ = try await kube.patch(.deployments, name: "web", namespace: "apps", .strategic(["spec": ["replicas": 2]]))
            let r = server.requests
            #expect(r[0].path == "/api/v1/namespaces/x")
            #expect(r[1].path == "/api/v1/configmaps" && r[1].queryItems["fieldSelector"] == "metadata.name=a")
            #expect(r[2].header("content-type") == "application/strategic-merge-patch+json")
            #expect(r[2].path == "/apis/apps/v1/namespaces/apps/deployments/web")
        }
    }

    @Test func applyWithoutFieldManagerIsRefusedLocally() async throws {
        try await withScriptedServer({ Self.echo($0) }) { server in
            let kube = try client(server)
            await #expect(throws: KubeError.self) {
                _ = try await kube.patch(Widget.self, name: "w1", .apply(["kind": "Widget"]))
            }
            #expect(server.requests.isEmpty)
        }
    }

    @Test func discoveryPrefersAggregatedAndRefreshesOnMiss() async throws {
        let aggregated = #"{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[{"metadata":{"name":"demo.example.com"},"versions":[{"version":"v1","resources":[{"resource":"widgets","responseKind":{"group":"demo.example.com","version":"v1","kind":"Widget"},"scope":"Namespaced","singularResource":"widget","verbs":["get"],"shortNames":["wd"],"subresources":[{"subresource":"status","verbs":["get"]}]}],"freshness":"Current"}]}]}"#
        let core = #"{"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},"items":[{"metadata":{},"versions":[{"version":"v1","resources":[{"resource":"namespaces","responseKind":{"group":"","version":"","kind":"Namespace"},"scope":"Cluster","singularResource":"namespace","verbs":["get"]}]}]}]}"#
        try await withScriptedServer({ r in r.path == "/api" ? .json(200, core) : .json(200, aggregated) }) { server in
            let kube = try client(server)
            let widgets = try await kube.resource(apiVersion: "demo.example.com/v1", kind: "Widget")
            #expect(widgets.resource == "widgets" && widgets.namespaced)
            let ns = try await kube.resource(apiVersion: "v1", kind: "Namespace")
            #expect(!ns.namespaced)
            #expect(try await kube.resources(named: "wd").first?.kind == "Widget")
            #expect(server.requests.first?.header("accept")?.hasPrefix("application/json;g=apidiscovery.k8s.io;v=v2") == true)
            let before = server.requests.count
            await #expect(throws: KubeError.self) { _ = try await kube.resource(apiVersion: "kai.dev/v1alpha1", kind: "Channel") }
            #expect(server.requests.count == before + 2) // one refresh on the miss
        }
    }

    @Test func legacyDiscoveryFallback() async throws {
        try await withScriptedServer({ r in
            switch r.path {
            case "/api": return .json(200, #"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/apis": return .json(200, #"{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}]}]}"#)
            case "/api/v1": return .json(200, #"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get"],"shortNames":["po"]},{"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}]}"#)
            default: return .json(200, #"{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["get"],"shortNames":["deploy"]}]}"#)
            }
        }) { server in
            let kube = try client(server)
            #expect(try await kube.resource(apiVersion: "apps/v1", kind: "Deployment").resource == "deployments")
            #expect(try await kube.resources(named: "po").first?.kind == "Pod")
            let entry = await kube.discovery.all.first { $0.type.resource == "pods" }
            #expect(entry?.subresources == ["status"])
        }
    }
}
