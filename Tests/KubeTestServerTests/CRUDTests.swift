import Foundation
import JSON
import Testing
@testable import KubeTestServer

@Suite("CRUD, CRDs and discovery")
struct CRUDTests {
    @Test("a CRD is Established at once with accepted names, and its resource is served")
    func crdEstablished() async throws {
        try await withServer { server, client in
            let created = try await client.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", widgetCRD)
            #expect(created.status == 201)
            #expect(created.json[path: "status", "conditions"] == .null)
            #expect(created.json[path: "spec", "conversion", "strategy"] == "None")
            let crd = try await client.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.demo.example.com").json
            let conditions = crd[path: "status", "conditions"]?.arrayValue ?? []
            #expect(conditions.map { $0["type"] } == ["NamesAccepted", "Established"])
            #expect(conditions.allSatisfy { $0["status"] == "True" })
            #expect(crd[path: "status", "acceptedNames", "kind"] == "Widget")
            #expect(crd[path: "status", "storedVersions"] == ["v1"])
            let resources = try await client.get("/apis/demo.example.com/v1").json
            #expect(resources["resources"]?.arrayValue?.map { $0["name"] } == ["widgets", "widgets/status"])
            #expect(try await client.get(widgets).status == 200)
        }
    }

    @Test("a CRD whose short name is taken is not Established and its resource answers a plain 404")
    func crdNameConflict() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            var gizmo = widgetCRD
            gizmo[path: "metadata", "name"] = "gizmos.demo.example.com"
            gizmo[path: "spec", "names"] = ["plural": "gizmos", "singular": "gizmo", "kind": "Gizmo", "listKind": "GizmoList", "shortNames": ["wd"]]
            #expect(try await client.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", gizmo).status == 201)
            let crd = try await client.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.demo.example.com").json
            let accepted = crd[path: "status", "conditions", ]?.arrayValue?.first { $0["type"] == "NamesAccepted" }
            #expect(accepted?["reason"] == "ShortNamesConflict")
            #expect(accepted?["message"] == "\"wd\" is already in use")
            let response = try await client.get("/apis/demo.example.com/v1/namespaces/default/gizmos")
            #expect(response.status == 404)
            #expect(response.text == "404 page not found\n")
        }
    }

    @Test("create, get and list a custom resource with server-set metadata")
    func createGetList() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let created = try await client.post(widgets, widget("w1", labels: ["app": "demo"]))
            #expect(created.status == 201)
            let w = created.json
            #expect(w[path: "metadata", "generation"] == 1)
            #expect(w[path: "metadata", "uid"]?.stringValue?.count == 36)
            #expect(w[path: "metadata", "creationTimestamp"]?.stringValue?.hasSuffix("Z") == true)
            #expect(w[path: "metadata", "managedFields", ]?.arrayValue?.first?["manager"] == "test-client")
            #expect(w["status"] == nil)
            // Custom resources come back with keys sorted.
            #expect(w.objectValue.map { Array($0.keys) } == ["apiVersion", "kind", "metadata", "spec"])
            let fetched = try await client.get("\(widgets)/w1").json
            #expect(fetched[path: "metadata", "resourceVersion"] == w[path: "metadata", "resourceVersion"])
            let list = try await client.get(widgets).json
            #expect(list["kind"] == "WidgetList")
            #expect(list[path: "metadata", "continue"] == "")
            #expect(list["items"]?.arrayValue?.count == 1)
        }
    }

    @Test("409 AlreadyExists, 404 NotFound and 409 Conflict carry the real messages")
    func errors() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let w = try await client.post(widgets, widget("w1")).json
            let duplicate = try await client.post(widgets, widget("w1"))
            #expect(duplicate.status == 409)
            #expect(duplicate.json["reason"] == "AlreadyExists")
            #expect(duplicate.json["message"] == "widgets.demo.example.com \"w1\" already exists")
            let missing = try await client.get("\(widgets)/nope")
            #expect(missing.status == 404)
            #expect(missing.json["message"] == "widgets.demo.example.com \"nope\" not found")
            #expect(missing.json["details"] == ["name": "nope", "group": "demo.example.com", "kind": "widgets"])

            var update = w
            update[path: "spec", "size"] = 5
            let ok = try await client.put("\(widgets)/w1", update)
            #expect(ok.status == 200)
            #expect(ok.json[path: "metadata", "generation"] == 2)
            let stale = try await client.put("\(widgets)/w1", update)
            #expect(stale.status == 409)
            #expect(stale.json["message"] == "Operation cannot be fulfilled on widgets.demo.example.com \"w1\": the object has been modified; please apply your changes to the latest version and try again")
            var unconditional = update
            unconditional[path: "metadata", "resourceVersion"] = nil
            let rejected = try await client.put("\(widgets)/w1", unconditional)
            #expect(rejected.status == 422)
            #expect(rejected.json["message"] == "widgets.demo.example.com \"w1\" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update")
        }
    }

    @Test("a no-op update keeps the resourceVersion; metadata changes do not bump generation")
    func generationRules() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let w = try await client.post(widgets, widget("w1")).json
            let same = try await client.put("\(widgets)/w1", w).json
            #expect(same[path: "metadata", "resourceVersion"] == w[path: "metadata", "resourceVersion"])
            let labelled = try await client.patch("\(widgets)/w1", ["metadata": ["labels": ["tier": "gold"]]]).json
            #expect(labelled[path: "metadata", "generation"] == 1)
            #expect(labelled[path: "metadata", "resourceVersion"] != w[path: "metadata", "resourceVersion"])
            let status = try await client.patch("\(widgets)/w1/status", ["status": ["observedGeneration": 1]]).json
            #expect(status[path: "metadata", "generation"] == 1)
            let spec = try await client.patch("\(widgets)/w1", ["spec": ["size": 4]]).json
            #expect(spec[path: "metadata", "generation"] == 2)
        }
    }

    @Test("status is ignored on the main resource and everything but status on /status")
    func statusSplit() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            var w = try await client.post(widgets, widget("w1")).json
            w["status"] = ["observedGeneration": 99]
            let main = try await client.put("\(widgets)/w1", w).json
            #expect(main["status"] == nil)
            #expect(main[path: "metadata", "resourceVersion"] == w[path: "metadata", "resourceVersion"])
            w[path: "spec", "size"] = 9
            w["status"] = ["observedGeneration": 2]
            let viaStatus = try await client.put("\(widgets)/w1/status", w).json
            #expect(viaStatus[path: "spec", "size"] == 3)
            #expect(viaStatus[path: "status", "observedGeneration"] == 2)
            #expect(viaStatus[path: "metadata", "generation"] == 1)
            let entries = viaStatus[path: "metadata", "managedFields"]?.arrayValue ?? []
            #expect(entries.contains { $0["subresource"] == "status" })
            // The create strips status for a kind with the status subresource.
            var withStatus = widget("w2")
            withStatus["status"] = ["observedGeneration": 5]
            #expect(try await client.post(widgets, withStatus).json["status"] == nil)
        }
    }

    @Test("body errors: kind, namespace and name mismatches, malformed JSON, unsupported content type")
    func bodyErrors() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            var gizmo = widget("x")
            gizmo["kind"] = "Gizmo"
            let kind = try await client.post(widgets, gizmo)
            #expect(kind.status == 422)
            #expect(kind.json["message"] == "Gizmo.demo.example.com \"x\" is invalid: kind: Invalid value: \"Gizmo\": must be Widget")
            let namespace = try await client.post(widgets, widget("x", namespace: "other"))
            #expect(namespace.status == 400)
            #expect(namespace.json["message"] == "the namespace of the provided object does not match the namespace sent on the request")
            _ = try await client.post(widgets, widget("alpha"))
            var renamed = try await client.get("\(widgets)/alpha").json
            renamed[path: "metadata", "name"] = "not-alpha"
            let name = try await client.put("\(widgets)/alpha", renamed)
            #expect(name.json["message"] == "the name of the object (not-alpha) does not match the name on the URL (alpha)")
            let malformed = try await client.send("POST", widgets, headers: [("Content-Type", "application/json")], body: Array("{\"a\":".utf8))
            #expect(malformed.status == 400)
            let text = try await client.send("POST", widgets, headers: [("Content-Type", "text/plain")], body: Array("{}".utf8))
            #expect(text.status == 415)
            #expect(text.json["reason"] == "UnsupportedMediaType")
        }
    }

    @Test("YAML request bodies are accepted and YAML output is served")
    func yaml() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let body = "apiVersion: demo.example.com/v1\nkind: Widget\nmetadata:\n  name: from-yaml\nspec:\n  size: 1\n  color: blue\n"
            let created = try await client.send("POST", widgets, headers: [("Content-Type", "application/yaml")], body: Array(body.utf8))
            #expect(created.status == 201)
            let yaml = try await client.get("\(widgets)/from-yaml", accept: "application/yaml")
            #expect(yaml.header("content-type") == "application/yaml")
            #expect(yaml.text.contains("name: from-yaml"))
        }
    }

    @Test("built-ins: ConfigMap unconditional PUT, Service defaults and clusterIP, Namespace defaults")
    func builtins() async throws {
        try await withServer { server, client in
            let cm = try await client.post("/api/v1/namespaces/default/configmaps",
                                           ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm1"], "data": ["k": "v"]])
            #expect(cm.status == 201)
            #expect(cm.json[path: "metadata", "generation"] == nil)
            #expect(cm.json.objectValue.map { Array($0.keys) } == ["kind", "apiVersion", "metadata", "data"])
            var update = cm.json
            update[path: "metadata", "resourceVersion"] = nil
            update["data"] = ["k": "v2"]
            #expect(try await client.put("/api/v1/namespaces/default/configmaps/cm1", update).status == 200)

            let svc = try await client.post("/api/v1/namespaces/default/services", [
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                "spec": ["selector": ["app": "web"], "ports": [["port": 80, "targetPort": 8080]]],
            ]).json
            let ip = svc[path: "spec", "clusterIP"]?.stringValue ?? ""
            #expect(ip.hasPrefix("10.9") || ip.hasPrefix("10.10") || ip.hasPrefix("10.11"))
            #expect(svc[path: "spec", "clusterIPs"] == [.string(ip)])
            #expect(svc[path: "spec", "type"] == "ClusterIP")
            #expect(svc[path: "spec", "ports", ]?.arrayValue?.first?["protocol"] == "TCP")
            #expect(svc["status"] == ["loadBalancer": [:]])

            let ns = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "kt-crud"]]).json
            #expect(ns[path: "metadata", "labels", "kubernetes.io/metadata.name"] == "kt-crud")
            #expect(ns["spec"] == ["finalizers": ["kubernetes"]])
            #expect(ns[path: "status", "phase"] == "Active")
            let missingNamespace = try await client.post("/api/v1/namespaces/nope/configmaps",
                                                         ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]])
            #expect(missingNamespace.status == 404)
            #expect(missingNamespace.json["message"] == "namespaces \"nope\" not found")
        }
    }

    @Test("generateName picks a name; dryRun=All creates nothing and has no resourceVersion")
    func generateNameAndDryRun() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            var generated = widget("")
            generated[path: "metadata", "name"] = nil
            generated[path: "metadata", "generateName"] = "gen-"
            let name = try await client.post(widgets, generated).json[path: "metadata", "name"]?.stringValue ?? ""
            #expect(name.hasPrefix("gen-") && name.count == 9)
            let dry = try await client.post("\(widgets)?dryRun=All", widget("dry1"))
            #expect(dry.status == 201)
            #expect(dry.json[path: "metadata", "resourceVersion"] == nil)
            #expect(dry.json[path: "metadata", "uid"] != nil)
            #expect(try await client.get("\(widgets)/dry1").status == 404)
            let bad = try await client.post("\(widgets)?dryRun=Yes", widget("dry2"))
            #expect(bad.status == 422)
            #expect(bad.json["message"] == "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: [\"Yes\"]: supported values: \"All\"")
        }
    }

    @Test("discovery: /version, /api, /apis, aggregated discovery with ETag and 304")
    func discovery() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            #expect(try await client.get("/version").json["major"] == "1")
            #expect(try await client.get("/api").json["versions"] == ["v1"])
            let groups = try await client.get("/apis").json["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(groups.first == "apps" || groups.contains("apps"))
            #expect(groups.last == "demo.example.com")
            let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
            let aggregated = try await client.get("/apis", accept: accept)
            #expect(aggregated.header("content-type") == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
            let demo = aggregated.json["items"]?.arrayValue?.first { $0[path: "metadata", "name"] == "demo.example.com" }
            let resource = demo?["versions"]?[0]?["resources"]?[0]
            #expect(resource?["responseKind"] == ["group": "demo.example.com", "version": "v1", "kind": "Widget"])
            #expect(resource?["shortNames"] == ["wd"])
            let etag = aggregated.header("etag") ?? ""
            let cached = try await client.get("/apis", accept: accept, headers: [("If-None-Match", etag)])
            #expect(cached.status == 304)
            let core = try await client.get("/api", accept: accept).json
            let configmaps = core["items"]?[0]?["versions"]?[0]?["resources"]?.arrayValue?.first { $0["resource"] == "configmaps" }
            #expect(configmaps?["responseKind"] == ["group": "", "version": "", "kind": "ConfigMap"])
        }
    }

    @Test("unknown paths: plain 404 for unknown groups, JSON 404 in built-in groups, 405 and 400 for bad methods")
    func unknownPaths() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            #expect(try await client.get("/apis/nope.example.com/v1/namespaces/default/things").text == "404 page not found\n")
            #expect(try await client.get("/foo").status == 404)
            let builtin = try await client.get("/apis/apps/v1/namespaces/default/nonexistents")
            #expect(builtin.json["message"] == "the server could not find the requested resource")
            #expect(try await client.put("/api/v1/namespaces/default/configmaps", ["kind": "ConfigMapList"]).status == 405)
            let cr = try await client.put(widgets, ["kind": "WidgetList"])
            #expect(cr.status == 400)
            #expect(cr.json["message"] == "name must be provided")
            let scale = try await client.get("\(widgets)/alpha/scale")
            #expect(scale.status == 404)
            #expect(try await client.get("/healthz").text == "ok")
        }
    }

    @Test("protobuf-only Accept is 406; a JSON fallback is served")
    func negotiation() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("alpha"))
            #expect(try await client.get("\(widgets)/alpha", accept: "application/vnd.kubernetes.protobuf").status == 406)
            #expect(try await client.get("\(widgets)/alpha", accept: "text/plain").json["reason"] == "NotAcceptable")
            #expect(try await client.get("\(widgets)/alpha", accept: "application/vnd.kubernetes.protobuf, application/json").status == 200)
            let partial = try await client.get(widgets, accept: "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io").json
            #expect(partial["kind"] == "PartialObjectMetadataList")
            #expect(partial["items"]?[0]?["spec"] == nil)
        }
    }
}
