import Foundation
import JSON
import Testing
@testable import KubeTestServer

@Suite("Selectors, JSONPath, ages and tables")
struct UnitTests {
    @Test("label selector parsing and matching", arguments: [
        ("tier in (a,b),!canary", ["tier": "a"], true),
        ("tier in (a,b),!canary", ["tier": "a", "canary": "x"], false),
        ("tier!=a", [:], true),
        ("count>3", ["count": "4"], true),
        ("env", ["env": ""], true),
    ] as [(String, [String: String], Bool)])
    func labelSelector(text: String, labels: [String: String], matches: Bool) throws {
        #expect(try LabelSelector(parsing: text).matches(labels) == matches)
    }

    @Test("label selector syntax errors carry the parser message")
    func labelSelectorErrors() {
        #expect(throws: SelectorError.self) { try LabelSelector(parsing: "env in prod") }
        do {
            _ = try LabelSelector(parsing: "env in prod")
        } catch {
            #expect(error.message == "unable to parse requirement: found 'prod' expected: '('")
        }
    }

    @Test("field selectors: =, ==, != and escaped commas")
    func fieldSelector() throws {
        let selector = try FieldSelector(parsing: "metadata.name==a\\,b,type!=Opaque")
        #expect(selector.terms.map(\.value) == ["a,b", "Opaque"])
        #expect(selector.matches { $0 == "metadata.name" ? "a,b" : "kubernetes.io/tls" })
        #expect(throws: SelectorError.self) { try FieldSelector(parsing: "spec.x=1").validate(supported: ["metadata.name"]) }
    }

    @Test("JSONPath of printer columns, including filters")
    func jsonPath() {
        let object: JSONValue = ["status": ["conditions": [["type": "Ready", "status": "True"], ["type": "Stalled", "status": "False"]]],
                                 "spec": ["items": [["name": "a"], ["name": "b"]]]]
        #expect(JSONPath(".status.conditions[?(@.type==\"Ready\")].status").evaluate(object) == ["True"])
        #expect(JSONPath(".spec.items[*].name").evaluate(object) == ["a", "b"])
        #expect(JSONPath("{.spec.items[1].name}").evaluate(object) == ["b"])
        #expect(JSONPath(".missing.field").evaluate(object).isEmpty)
    }

    @Test("kubectl ages", arguments: [(4.0, "4s"), (150.0, "2m30s"), (600.0, "10m"), (10_920.0, "3h2m"), (180_000.0, "2d2h"), (-5.0, "<invalid>")] as [(Double, String)])
    func humanDuration(seconds: Double, text: String) {
        #expect(Timestamps.humanDuration(seconds) == text)
    }

    @Test("MicroTime must have exactly six fractional digits and is normalised to UTC")
    func microTime() {
        #expect((try? Timestamps.normalizeMicroTime("2026-11-22T10:00:00.123456+02:00").get()) == "2026-11-22T08:00:00.123456Z")
        guard case .failure(let error) = Timestamps.normalizeMicroTime("2026-11-22T08:00:00Z") else {
            Issue.record("seconds-only MicroTime was accepted")
            return
        }
        #expect(error.message == "parsing time \"2026-11-22T08:00:00Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"Z\" as \".000000\"")
    }

    @Test("a CR Table has the Name column, the printer columns and rendered cells")
    func table() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("alpha", size: 2))
            _ = try await client.patch("\(widgets)/alpha/status", ["status": ["observedGeneration": 1, "conditions": [["type": "Ready", "status": "True"]]]])
            let table = try await client.get("\(widgets)?includeObject=None", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json
            #expect(table["kind"] == "Table")
            #expect(table["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Size", "Color", "Ready", "Observed-Gen", "Age"])
            let cells = table["rows"]?[0]?["cells"]?.arrayValue ?? []
            #expect(Array(cells.prefix(5)) == ["alpha", 2, "red", "True", 1])
            #expect(cells.last?.stringValue?.hasSuffix("s") == true)
            #expect(table["rows"]?[0]?["object"] == .null)
            let configMaps = try await client.get("/api/v1/namespaces/default/configmaps", accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
            #expect(configMaps["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Data", "Age"])
        }
    }
}
