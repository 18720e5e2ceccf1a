import JSON
import Testing
@testable import KubeTestServer

@Suite("Structural-schema validation, defaults and pruning of custom resources")
struct ValidationTests {
    @Test("enum, minimum, type and required violations answer 422 with the real causes")
    func invalid() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let color = try await client.post(widgets, widget("bad1", color: "green")).json
            #expect(color["code"] == 422)
            #expect(color["message"] == "Widget.demo.example.com \"bad1\" is invalid: [spec.color: Unsupported value: \"green\": supported values: \"red\", \"blue\", <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]")
            #expect(color[path: "details", "kind"] == "Widget")
            let minimum = try await client.post(widgets, widget("bad2", size: 0)).json
            #expect(minimum["message"] == "Widget.demo.example.com \"bad2\" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1")
            var typed = widget("bad5")
            typed[path: "spec", "size"] = "three"
            let type = try await client.post(widgets, typed).json
            #expect(type[path: "details", "causes"]?[0]?["reason"] == "FieldValueTypeInvalid")
            var missing = widget("bad6")
            missing[path: "spec", "size"] = nil
            let required = try await client.post(widgets, missing).json
            #expect(required[path: "details", "causes"]?[0] == ["reason": "FieldValueRequired", "message": "Required value", "field": "spec.size"])
        }
    }

    @Test("status writes are validated against the status schema")
    func statusValidation() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w"))
            let bad = try await client.patch("\(widgets)/w/status", ["status": ["conditions": [["type": "Ready", "status": "Maybe"]]]])
            #expect(bad.status == 422)
            #expect(bad.json[path: "details", "causes"]?[0]?["field"] == "status.conditions[0].status")
            let duplicate = try await client.patch("\(widgets)/w/status", ["status": ["conditions": [["type": "Ready", "status": "False"], ["type": "Ready", "status": "True"]]]])
            #expect(duplicate.json[path: "details", "causes"]?[0]?["reason"] == "FieldValueDuplicate")
        }
    }

    @Test("defaults are applied; unknown fields are pruned with a Warning, or rejected with fieldValidation=Strict")
    func defaultsAndPruning() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            var unknown = widget("w-unknown")
            unknown[path: "spec", "shape"] = "round"
            let created = try await client.post(widgets, unknown)
            #expect(created.status == 201)
            #expect(created.header("warning") == "299 - \"unknown field \\\"spec.shape\\\"\"")
            #expect(created.json[path: "spec", "shape"] == nil)
            #expect(created.json[path: "spec", "mode"] == "auto")
            unknown[path: "metadata", "name"] = "w-unknown2"
            let strict = try await client.post("\(widgets)?fieldValidation=Strict", unknown)
            #expect(strict.status == 400)
            #expect(strict.json["message"] == "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.shape\"")
        }
    }

    @Test("CEL rules are evaluated: a violation is 422 with the rule's message on the field carrying it")
    func celRulesEvaluated() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            let refused = try await client.post(widgets, widget("big", size: 11))
            #expect(refused.status == 422)
            #expect(refused.json["message"] == "Widget.demo.example.com \"big\" is invalid: spec: Invalid value: size must be at most 10")
            #expect(refused.json[path: "details", "causes"] == [["reason": "FieldValueInvalid", "message": "Invalid value: size must be at most 10", "field": "spec"]])
            #expect(try await client.post(widgets, widget("ok", size: 10)).status == 201)
        }
    }
}
