import JSON
import Testing
@testable import KubeTestServer

@Suite("LIST: paging, selectors and resourceVersion semantics")
struct ListTests {
    private func setUp(_ server: KubeTestServer, _ client: TestHTTPClient) async throws {
        try await server.installCRD(widgetCRD)
        let labels: [(String, JSONValue)] = [
            ("a", ["tier": "frontend", "env": "prod"]), ("b", ["tier": "frontend", "env": "dev", "canary": "true"]),
            ("c", ["tier": "backend", "env": "prod"]), ("d", ["tier": "backend", "env": "staging"]), ("e", ["env": "dev"]),
        ]
        for (name, l) in labels { _ = try await client.post(widgets, widget(name, labels: l)) }
    }

    private func names(_ list: JSONValue) -> [String] {
        list["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue } ?? []
    }

    @Test("limit/continue pages form one snapshot with remainingItemCount and the real token format")
    func paging() async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            let page1 = try await client.get("\(widgets)?limit=2").json
            #expect(names(page1) == ["a", "b"])
            #expect(page1[path: "metadata", "remainingItemCount"] == 3)
            let token = page1[path: "metadata", "continue"]?.stringValue ?? ""
            let decoded = try JSONValue(parsing: Base64.decodeURL(token) ?? [])
            #expect(decoded == ["v": "meta.k8s.io/v1", "rv": page1[path: "metadata", "resourceVersion"].flatMap { $0.stringValue.flatMap(Int64.init) }.map(JSONValue.int) ?? .null, "start": "/b\u{0}"])
            _ = try await client.post(widgets, widget("aa"))
            let page2 = try await client.get("\(widgets)?limit=2&continue=\(token)").json
            #expect(names(page2) == ["c", "d"])
            #expect(page2[path: "metadata", "resourceVersion"] == page1[path: "metadata", "resourceVersion"])
            let page3 = try await client.get("\(widgets)?limit=2&continue=\(page2[path: "metadata", "continue"]?.stringValue ?? "")").json
            #expect(names(page3) == ["e"])
            #expect(page3[path: "metadata", "continue"] == "")
            #expect(page3[path: "metadata", "remainingItemCount"] == nil)
            #expect(try await client.get("\(widgets)?limit=2&continue=not-a-token").status == 400)
            #expect(names(try await client.get("\(widgets)?resourceVersion=0&limit=2").json).count == 6)
        }
    }

    @Test("an expired continue token answers 410 with an inconsistent-continue token")
    func expiredToken() async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            let token = try await client.get("\(widgets)?limit=2").json[path: "metadata", "continue"]?.stringValue ?? ""
            _ = try await client.post(widgets, widget("zz"))
            await server.faults.compactHistory()
            _ = try await client.post(widgets, widget("zzz"))
            let gone = try await client.get("\(widgets)?limit=2&continue=\(token)")
            #expect(gone.status == 410)
            #expect(gone.json["reason"] == "Expired")
            let inconsistent = gone.json[path: "metadata", "continue"]?.stringValue ?? ""
            #expect(names(try await client.get("\(widgets)?limit=2&continue=\(inconsistent)").json) == ["c", "d"])
        }
    }

    @Test("paging all namespaces follows etcd key order ('a-b/x' before 'a/x') and stays consistent while objects change")
    func pagingAcrossNamespacesIsConsistent() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            for namespace in ["a", "a-b", "b"] { _ = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]) }
            for namespace in ["a", "a-b", "b"] {
                for i in 0..<7 { _ = try await client.post("/apis/demo.example.com/v1/namespaces/\(namespace)/widgets", widget("w\(i)", namespace: namespace)) }
            }
            var seen: [String] = []
            var token = ""
            var listRV: JSONValue?
            var page = 0
            repeat {
                let list = try await client.get("/apis/demo.example.com/v1/widgets?limit=4&continue=\(token)").json
                for item in list["items"]?.arrayValue ?? [] {
                    seen.append("\(item[path: "metadata", "namespace"]?.stringValue ?? "")/\(item[path: "metadata", "name"]?.stringValue ?? "")")
                }
                listRV = listRV ?? list[path: "metadata", "resourceVersion"]
                #expect(list[path: "metadata", "resourceVersion"] == listRV)
                token = list[path: "metadata", "continue"]?.stringValue ?? ""
                // Changes between pages are not seen: the pages form the snapshot of page 1.
                if page == 0 {
                    _ = try await client.post("/apis/demo.example.com/v1/namespaces/b/widgets", widget("w9", namespace: "b"))
                    _ = try await client.delete("/apis/demo.example.com/v1/namespaces/a/widgets/w6")
                }
                page += 1
            } while !token.isEmpty && page < 20
            let expected = ["a-b", "a", "b"].flatMap { ns in (0..<7).map { "\(ns)/w\($0)" } }
            #expect(seen == expected)
            // One namespace: its key range only, resumed by binary search from the token.
            let first = try await client.get("/apis/demo.example.com/v1/namespaces/a/widgets?limit=5").json
            #expect(names(first) == ["w0", "w1", "w2", "w3", "w4"])
            #expect(first[path: "metadata", "remainingItemCount"] == 1)
            let rest = try await client.get("/apis/demo.example.com/v1/namespaces/a/widgets?limit=5&continue=\(first[path: "metadata", "continue"]?.stringValue ?? "")").json
            #expect(names(rest) == ["w5"])
        }
    }

    @Test("the sorted key index is built once per key set, not once per page, and follows creations and deletions")
    func keyIndexIsReused() async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            let storage = GroupResource(group: "demo.example.com", resource: "widgets")
            _ = try await client.get("\(widgets)?limit=2")
            let built = await server.cluster.listIndexes[storage]?.asOf
            #expect(built != nil)
            // An update changes no key: later pages and lists reuse the index.
            _ = try await client.patch("\(widgets)/a", ["spec": ["size": 4]])
            _ = try await client.get("\(widgets)?limit=2")
            #expect(await server.cluster.listIndexes[storage]?.asOf == built)
            // A creation does: the next list re-sorts and sees the new key in order.
            _ = try await client.post(widgets, widget("bb"))
            #expect(names(try await client.get("\(widgets)?limit=3").json) == ["a", "b", "bb"])
            #expect(await server.cluster.listIndexes[storage]?.asOf != built)
        }
    }

    @Test("every label selector form", arguments: [
        ("tier%3Dfrontend", ["a", "b"]), ("tier%3D%3Dfrontend", ["a", "b"]), ("tier%21%3Dfrontend", ["c", "d", "e"]),
        ("env%20in%20%28prod%2Cstaging%29", ["a", "c", "d"]), ("env%20notin%20%28prod%29", ["b", "d", "e"]),
        ("canary", ["b"]), ("%21canary", ["a", "c", "d", "e"]), ("tier%3Dbackend%2Cenv%3Dprod", ["c"]),
        ("tier%20notin%20%28frontend%29%2C%21canary", ["c", "d", "e"]),
    ])
    func labelSelectors(selector: String, expected: [String]) async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            #expect(names(try await client.get("\(widgets)?labelSelector=\(selector)").json) == expected)
        }
    }

    @Test("selector errors, field selectors and resourceVersion rules")
    func fieldSelectorsAndErrors() async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            let bad = try await client.get("\(widgets)?labelSelector=env%20in%20prod").json
            #expect(bad["message"] == "unable to parse requirement: found 'prod' expected: '('")
            #expect(names(try await client.get("\(widgets)?fieldSelector=metadata.name%3Da").json) == ["a"])
            #expect(names(try await client.get("\(widgets)?fieldSelector=metadata.name%21%3Da&labelSelector=tier%3Dfrontend").json) == ["b"])
            let unsupported = try await client.get("\(widgets)?fieldSelector=spec.color%3Dred")
            #expect(unsupported.status == 400)
            #expect(unsupported.json["message"] == "field label not supported: spec.color")
            let match = try await client.get("\(widgets)?resourceVersionMatch=Exact").json
            #expect(match["message"] == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
            let future = try await client.get("\(widgets)?resourceVersion=1000000")
            #expect(future.status == 504)
            #expect(future.header("retry-after") == "1")
            let all = try await client.get("/apis/demo.example.com/v1/widgets?fieldSelector=metadata.namespace%3Ddefault").json
            #expect(names(all).count == 5)
            let limited = try await client.get("\(widgets)?limit=1&labelSelector=env%3Ddev").json
            #expect(names(limited) == ["b"])
            #expect(limited[path: "metadata", "remainingItemCount"] == nil)
            #expect(limited[path: "metadata", "continue"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("an Exact list at an older resourceVersion shows the collection as it was")
    func exactHistoricalList() async throws {
        try await withServer { server, client in
            try await setUp(server, client)
            let rv = try await client.get(widgets).json[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            _ = try await client.delete("\(widgets)/a")
            _ = try await client.post(widgets, widget("f"))
            let old = try await client.get("\(widgets)?resourceVersion=\(rv)&resourceVersionMatch=Exact").json
            #expect(names(old) == ["a", "b", "c", "d", "e"])
            #expect(old[path: "metadata", "resourceVersion"] == .string(rv))
        }
    }

    @Test("Events: core and events.k8s.io share storage with field selectors on involvedObject / regarding")
    func events() async throws {
        try await withServer { server, client in
            let created = try await client.post("/apis/events.k8s.io/v1/namespaces/default/events", [
                "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "e1"],
                "eventTime": "2026-11-22T07:42:16.670325Z", "reportingController": "demo/widget-controller",
                "reportingInstance": "x1", "action": "Reconcile", "reason": "Scaled", "note": "scaled", "type": "Normal",
                "regarding": ["apiVersion": "demo.example.com/v1", "kind": "Widget", "namespace": "default", "name": "ready-w"],
            ])
            #expect(created.status == 201)
            #expect(created.json["deprecatedSource"] == [:])
            #expect(created.json["deprecatedFirstTimestamp"] == .null)
            let core = try await client.get("/api/v1/namespaces/default/events/e1").json
            #expect(core[path: "involvedObject", "name"] == "ready-w")
            #expect(core["message"] == "scaled")
            #expect(core["reportingComponent"] == "demo/widget-controller")
            let byObject = try await client.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.kind%3DWidget%2CinvolvedObject.name%3Dready-w").json
            #expect(byObject["items"]?.arrayValue?.count == 1)
            let byRegarding = try await client.get("/apis/events.k8s.io/v1/namespaces/default/events?fieldSelector=regarding.name%3Dother").json
            #expect(byRegarding["items"]?.arrayValue?.isEmpty == true)
            let invalid = try await client.post("/apis/events.k8s.io/v1/namespaces/default/events", [
                "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "bad-event"], "reason": "X", "note": "y",
                "type": "Normal", "regarding": ["kind": "Widget", "name": "w"],
            ]).json
            #expect(invalid["message"] == "Event \"bad-event\" is invalid: eventTime: Required value")
        }
    }
}
