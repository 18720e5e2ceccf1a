import Foundation
import JSON
import Testing
import YAML
@testable import KubeTestServer

/// The project's own CRDs (`crds/*.yaml`) and their `x-kubernetes-validations`, end to end
/// through the test server.
@Suite("CEL rules of the project's CRDs")
struct CELRuleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func load(_ relativePath: String) throws -> JSONValue {
        try YAML.parse(try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8))
    }

    @Test("a DevSession whose projectUUID changes is refused (self == oldSelf); other updates pass")
    func devSessionProjectUUIDIsImmutable() async throws {
        try await withServer { server, client in
            try await server.installCRD(try Self.load("crds/kai.dev_devsessions.yaml"))
            let sample = try Self.load("config/samples/kai.dev_v1alpha1_devsession.yaml")
            let path = "/apis/kai.dev/v1alpha1/devsessions/project-456"
            #expect(try await client.post("/apis/kai.dev/v1alpha1/devsessions", sample).status == 201)
            let changed = try await client.patch(path, ["spec": ["projectUUID": "650e8400-e29b-41d4-a716-446655440000"]])
            #expect(changed.status == 422)
            #expect(changed.json["message"] == "DevSession.kai.dev \"project-456\" is invalid: spec.projectUUID: Invalid value: projectUUID is immutable")
            #expect(try await client.patch(path, ["spec": ["userID": 124]]).status == 200)
        }
    }

    @Test("a DevSession env var with both value and valueFrom is refused at its item path")
    func devSessionEnvValueAndValueFromExclude() async throws {
        try await withServer { server, client in
            try await server.installCRD(try Self.load("crds/kai.dev_devsessions.yaml"))
            var sample = try Self.load("config/samples/kai.dev_v1alpha1_devsession.yaml")
            let envPath = try #require(try Self.firstEnvPath())
            sample[keyPath: envPath] = [["name": "A", "value": "x"],
                                        ["name": "B", "value": "y", "valueFrom": ["secretKeyRef": ["name": "s", "key": "k"]]]]
            let refused = try await client.post("/apis/kai.dev/v1alpha1/devsessions", sample)
            #expect(refused.status == 422)
            let field = envPath.joined(separator: ".") + "[1]"
            #expect(refused.json[path: "details", "causes"] == [["reason": "FieldValueInvalid", "message": "Invalid value: value and valueFrom are mutually exclusive", "field": .string(field)]])
        }
    }

    /// The path of the first container `env` list the DevSession schema declares (`spec.<container>.env`).
    static func firstEnvPath() throws -> [String]? {
        let crd = try load("crds/kai.dev_devsessions.yaml")
        let spec = crd[path: "spec", "versions"]?.arrayValue?.first?[path: "schema", "openAPIV3Schema", "properties", "spec", "properties"]
        for (name, property) in spec?.objectValue ?? [:] where property[path: "properties", "env"] != nil {
            return ["spec", name, "env"]
        }
        return nil
    }

    @Test("a Channel with maxDelaySeconds below initialDelaySeconds is refused; defaults satisfy the rule")
    func channelRetryDelays() async throws {
        try await withServer { server, client in
            try await server.installCRD(try Self.load("crds/kai.dev_channels.yaml"))
            var sample = try Self.load("config/samples/kai.dev_v1alpha1_channel.yaml")
            let channels = "/apis/kai.dev/v1alpha1/namespaces/default/channels"
            sample[path: "spec", "retry"] = ["initialDelaySeconds": 60, "maxDelaySeconds": 30]
            let refused = try await client.post(channels, sample)
            #expect(refused.status == 422)
            #expect(refused.json["message"] == "Channel.kai.dev \"cooking-with-ada\" is invalid: spec.retry: Invalid value: maxDelaySeconds must be at least initialDelaySeconds")
            sample[path: "spec", "retry"] = ["initialDelaySeconds": 60]
            #expect(try await client.post(channels, sample).status == 201, "maxDelaySeconds defaults to 300")
        }
    }

    @Test("a CRD whose rule names a field the schema lacks is refused with the compiler's message")
    func ruleWithUnknownFieldIsRefused() async throws {
        try await withServer { _, client in
            var crd = widgetCRD
            crd[path: "spec", "versions"] = .array((crd[path: "spec", "versions"]?.arrayValue ?? []).map { version in
                var v = version
                v[path: "schema", "openAPIV3Schema", "properties", "spec", "x-kubernetes-validations"] = [["rule": "self.sise <= 10"]]
                return v
            })
            crd[path: "metadata", "resourceVersion"] = nil
            let refused = try await client.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
            #expect(refused.status == 422)
            let message = refused.json["message"]?.stringValue ?? ""
            #expect(message.contains("openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value: apiextensions.ValidationRule{Rule:\"self.sise <= 10\""))
            #expect(message.contains("compilation failed: ERROR: <input>:1:5: undefined field 'sise'"))
        }
    }
}
