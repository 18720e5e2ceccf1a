import Foundation
import JSON
@testable import KubeTestServer

/// The state each transcript's prose says existed before a case ("Setup: ..."), and the
/// actions a second client performed while a recorded watch was open.
extension TranscriptReplayTests {
    typealias Step = (TranscriptReplayer) async throws -> Void

    static func setup(_ key: String) -> Step? {
        switch key {
        case "01#1":
            return { try await $0.widgetCRD() }
        case "03#1":
            return { r in
                try await r.namespace("kt-patch")
                try await r.widgetCRD()
                try await r.widget("kt-patch", "p1", metadata: #""labels":{"app":"demo","env":"dev"}"#)
            }
        case "04#1":
            return { r in
                try await r.namespace("kt-delete")
                try await r.widgetCRD()
                try await r.widget("kt-delete", "plain")
                try await r.configMap("kt-delete", "plain-cm")
            }
        case "04#4":
            return { r in
                let created = try await r.widget("kt-delete", "fin", spec: #"{"size":2,"color":"red"}"#, metadata: #""finalizers":["example.com/cleanup","example.com/audit"]"#)
                r.substitutions["2580"] = created[path: "metadata", "resourceVersion"]?.stringValue
            }
        case "04#13":
            return { r in
                try await r.ownedPair("kt-delete", owner: "owner-fg", child: "child-fg",
                                      recordedOwnerUID: "c77c096a-7a7f-4e80-8af4-fba16b4bd518",
                                      childExtra: #","finalizers":["example.com/hold"]"#)
            }
        case "04#18":
            return { r in try await r.ownedPair("kt-delete", owner: "owner-bg", child: "child-bg", recordedOwnerUID: "owner-bg-uid") }
        case "04#20":
            return { r in try await r.ownedPair("kt-delete", owner: "owner-or", child: "child-or", recordedOwnerUID: "owner-or-uid") }
        case "04#22":
            return { r in
                let created = try await r.widget("kt-delete", "pre")
                // 04#25 quotes the recorded uid and resourceVersion of `pre` as matching preconditions.
                r.substitutions["668596b8-a174-42b9-9a80-6795f34bf625"] = created[path: "metadata", "uid"]?.stringValue
                r.substitutions["2605"] = created[path: "metadata", "resourceVersion"]?.stringValue
            }
        case "04#26":
            return { r in
                try await r.widget("kt-delete", "dc1", metadata: #""labels":{"batch":"x"}"#)
                try await r.widget("kt-delete", "dc2", metadata: #""labels":{"batch":"x"}"#)
                try await r.widget("kt-delete", "dc3", metadata: #""labels":{"batch":"y"}"#)
            }
        case "05#1":
            return { r in
                try await r.namespace("kt-watch")
                try await r.widgetCRD()
                try await r.widget("kt-watch", "w1", spec: #"{"size":1,"color":"red"}"#, metadata: #""labels":{"tier":"gold"}"#)
                try await r.widget("kt-watch", "w2", spec: #"{"size":2,"color":"blue"}"#)
                // The watch starts from the RV of a LIST (2046 in the recording).
                let list = try await r.must("GET", "/apis/demo.example.com/v1/namespaces/kt-watch/widgets")
                r.substitutions["2046"] = list[path: "metadata", "resourceVersion"]?.stringValue
            }
        case "05#6":
            // RV 1 is "too old" on the real server because etcd was compacted; do the same here.
            return { r in await r.server.faults.compactHistory() }
        case "06#1":
            return { r in
                try await r.namespace("kt-list")
                try await r.namespace("kt-list2")
                try await r.widgetCRD()
                let items = [("kt-list", "a", #"{"tier":"frontend","env":"prod"}"#),
                             ("kt-list", "b", #"{"tier":"frontend","env":"dev","canary":"true"}"#),
                             ("kt-list", "c", #"{"tier":"backend","env":"prod"}"#),
                             ("kt-list", "d", #"{"tier":"backend","env":"staging"}"#),
                             ("kt-list", "e", #"{"env":"dev"}"#),
                             ("kt-list2", "f", #"{"tier":"frontend","env":"prod"}"#)]
                for (ns, name, labels) in items { try await r.widget(ns, name, metadata: #""labels":"# + labels) }
            }
        case "06#26":
            // The recording re-used the token 9.9 minutes later, after other clients had written
            // (the other transcript files ran) and etcd had been compacted past the token's
            // revision. Compaction alone keeps the newest revision readable, as etcd does.
            return { r in
                _ = try await r.configMap("default", "written-meanwhile")
                await r.server.faults.compactHistory()
            }
        case "06#25":
            // The recording cluster still held the namespaces of the other transcript files; the
            // second page item is 02-crud's kt-crud (it sorts before kt-list).
            return { r in try await r.namespace("kt-crud") }
        case "07#1":
            return { r in
                try await r.namespace("kt-status")
                try await r.widgetCRD()
                try await r.widget("kt-status", "ready-w", spec: #"{"size":2,"color":"red"}"#)
                try await r.widget("kt-status", "notready-w", spec: #"{"size":3,"color":"blue"}"#)
            }
        case "07#21":
            // "Before this step notready-w was patched to spec.size: 4" (the kubectl cases in between have no HTTP exchange).
            return { r in
                try await r.must("PATCH", "/apis/demo.example.com/v1/namespaces/kt-status/widgets/notready-w",
                                 #"{"spec":{"size":4}}"#, contentType: "application/merge-patch+json")
            }
        case "08#1":
            return { r in try await r.namespace("kt-lease") }
        case "09#1":
            // The SA's widget requests need the CRD; the namespace is created by 09#4 itself.
            return { r in try await r.widgetCRD() }
        case "09#5":
            // The widget the SA later lists (created off-transcript in the recording, after the namespace).
            return { r in try await r.widget("kt-auth", "secret-widget", spec: #"{"size":1,"color":"red"}"#) }
        case "10#1":
            return { r in
                try await r.namespace("kt-proto")
                try await r.widgetCRD()
                try await r.widget("kt-proto", "alpha", spec: #"{"size":2,"color":"red"}"#, metadata: #""labels":{"app":"demo"}"#)
                try await r.must("PATCH", "/apis/demo.example.com/v1/namespaces/kt-proto/widgets/alpha/status",
                                 #"{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Reconciled","message":"widget is ready","lastTransitionTime":"2026-11-22T07:42:34Z"}]}}"#,
                                 contentType: "application/merge-patch+json")
                try await r.widget("kt-proto", "beta", spec: #"{"size":7,"color":"blue"}"#)
            }
        case "10#12":
            // The recording cluster (an OpenShift-flavoured controller-manager) also published the
            // service CA into kt-proto; kube-root-ca.crt comes from the test server's publisher.
            return { r in
                try await r.configMap("kt-proto", "openshift-service-ca.crt", data: #"{"service-ca.crt":""}"#)
            }
        default:
            return nil
        }
    }

    /// What the "second client" did while a recorded watch was open.
    static func during(_ key: String) -> Step? {
        let widgets = "/apis/demo.example.com/v1/namespaces/kt-watch/widgets"
        let merge = "application/merge-patch+json"
        switch key {
        case "05#1":
            return { r in
                try await r.widget("kt-watch", "w3", spec: #"{"size":3,"color":"red"}"#)
                try await r.must("PATCH", widgets + "/w3", #"{"spec":{"size":4}}"#, contentType: merge)
                try await r.must("PATCH", widgets + "/w2/status", #"{"status":{"observedGeneration":1}}"#, contentType: merge)
                try await r.must("DELETE", widgets + "/w3")
            }
        case "05#2":
            return { r in try await r.widget("kt-watch", "w4", spec: #"{"size":1,"color":"blue"}"#) }
        case "05#8":
            return { r in
                // w2's /status patch (05#1) was recorded at 07:40:22, these at 07:41:52: its entries are ordered by time.
                r.wallClock?.advance(by: 90)
                try await r.must("PATCH", widgets + "/w2", #"{"metadata":{"labels":{"tier":"gold"}}}"#, contentType: merge)
                try await r.must("PATCH", widgets + "/w2", #"{"spec":{"size":5}}"#, contentType: merge)
                try await r.must("PATCH", widgets + "/w2", #"{"metadata":{"labels":{"tier":null}}}"#, contentType: merge)
                try await r.must("PATCH", widgets + "/w4", #"{"spec":{"size":2}}"#, contentType: merge)
            }
        case "05#9":
            return { r in
                try await r.must("PATCH", widgets + "/w1", #"{"spec":{"size":6}}"#, contentType: merge)
                try await r.must("PATCH", widgets + "/w2", #"{"spec":{"size":6}}"#, contentType: merge)
            }
        case "05#10":
            return { r in try await r.must("PATCH", widgets + "/w4", #"{"spec":{"size":3}}"#, contentType: merge) }
        default:
            return nil
        }
    }

    /// Cases whose served response is known to differ from the recording, with the precise reason.
    /// Each entry was checked against the served response; a case listed here that starts
    /// matching fails the test, so the table cannot go stale.
    static let knownDifferences: [String: String] = [
        // Timing and environment of the recording cluster.
        "02#2": "429 'storage is (re)initializing' right after Established is a timing artefact; the test server serves at once",
        "06#20": "the recording cluster still held the widgets of the other transcript files (kt-crud, kt-patch, kt-watch, ...); each file replays on a fresh server",
        "01#13": "/readyz?verbose lists the real apiserver's post-start hooks; the test server reports its own checks",
        "01#14": "/openapi/v3 index: the test server serves no 'version' path entry (it has no /version OpenAPI document)",
        "01#6": "/api/v1 discovery lacks the pods/log (and other pod/node) subresources: the test server has no kubelet-backed subresources",
        // managedFields (server-side apply bookkeeping) details.
        // Messages and encodings.
        "10#16": "YAML output: key order/quoting of the YAML encoder differs from Go's sigs.k8s.io/yaml (same content)",
        "10#17": "protobuf is not served (documented): 406 JSON Status instead of a protobuf-encoded Status",
        "10#19": "protobuf is not served (documented): 406 instead of a protobuf ConfigMap",
    ]
}
