import Foundation
import JSON
import Testing
@testable import KubeTestServer

/// Builds protobuf bytes by hand, the way Go's generated marshallers lay them out.
enum PB {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        return out + [UInt8(v)]
    }
    static func int(_ number: Int, _ value: Int64) -> [UInt8] { varint(UInt64(number << 3)) + varint(UInt64(bitPattern: value)) }
    static func bool(_ number: Int, _ value: Bool) -> [UInt8] { int(number, value ? 1 : 0) }
    static func bytes(_ number: Int, _ value: [UInt8]) -> [UInt8] { varint(UInt64(number << 3 | 2)) + varint(UInt64(value.count)) + value }
    static func string(_ number: Int, _ value: String) -> [UInt8] { bytes(number, Array(value.utf8)) }
    static func message(_ number: Int, _ parts: [UInt8]...) -> [UInt8] { bytes(number, parts.flatMap { $0 }) }
    static func entry(_ number: Int, _ key: String, _ value: [UInt8]) -> [UInt8] { message(number, string(1, key), value) }
    static func envelope(_ apiVersion: String, _ kind: String, _ raw: [UInt8]) -> [UInt8] {
        ProtobufDecoder.magic + message(1, string(1, apiVersion), string(2, kind)) + bytes(2, raw) + string(3, "") + string(4, "")
    }
    /// ObjectMeta as Go writes it: every non-pointer field present, empty or not.
    static func objectMeta(name: String, namespace: String = "", labels: [(String, String)] = [], extra: [UInt8] = []) -> [UInt8] {
        message(1, string(1, name), string(2, ""), string(3, namespace), string(4, ""), string(5, ""), string(6, ""),
                int(7, 0), message(8), labels.flatMap { entry(11, $0.0, string(2, $0.1)) }, extra)
    }
}

@Suite("Protobuf request bodies")
struct ProtobufDecoderTests {
    let decoder = ProtobufDecoder()

    @Test("the generated schema table parses and every referenced message is known or special")
    func schemaTable() throws {
        let schema = try ProtobufSchema(parsing: ProtobufSchema.table)
        #expect(schema.messages.count > 300)
        for message in schema.messages.values {
            for field in message.fields {
                var type = field.type
                if case .map(let inner) = type { type = inner }
                guard case .message(let name) = type else { continue }
                #expect(schema.messages[name] != nil || ProtobufDecoder.specialMessages.contains(name), "\(message.name).\(field.name) -> \(name)")
            }
        }
        #expect(schema.messageName(apiVersion: "apps/v1", kind: "Deployment") == "api.apps.v1.Deployment")
        #expect(schema.messageName(apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role") == "api.rbac.v1.Role")
        #expect(schema.messageName(apiVersion: "v1", kind: "Secret") == "api.core.v1.Secret")
        #expect(schema.messageName(apiVersion: "meta.k8s.io/v1", kind: "DeleteOptions") == "apimachinery.pkg.apis.meta.v1.DeleteOptions")
        #expect(schema.messageName(apiVersion: "demo.example.com/v1", kind: "Widget") == nil)
    }

    @Test("a malformed table line is reported with its line number")
    func schemaErrors() {
        #expect(throws: ProtobufError("schema line 2: unknown type \"q\" of field x")) {
            try ProtobufSchema(parsing: "a.B 1:name:s\na.C 1:x:q")
        }
        #expect(throws: ProtobufError("schema line 1: malformed field \"name\"")) { try ProtobufSchema(parsing: "a.B name") }
    }

    @Test("a Namespace: kind and apiVersion from the envelope, zero non-pointer fields dropped, zero time as null")
    func namespace() throws {
        let body = PB.envelope("v1", "Namespace", PB.objectMeta(name: "foo", labels: [("team", "a")]) + PB.message(2) + PB.message(3, PB.string(1, "")))
        let json = try decoder.decode(body, fallbackAPIVersion: "v1", fallbackKind: "Namespace")
        #expect(json == ["kind": "Namespace", "apiVersion": "v1",
                         "metadata": ["name": "foo", "creationTimestamp": .null, "labels": ["team": "a"]],
                         "spec": [:], "status": [:]])
        #expect(json.objectValue?.keys.prefix(2).map { $0 } == ["kind", "apiVersion"])
    }

    @Test("a ConfigMap: string and bytes maps, an explicit immutable=false kept (pointer field)")
    func configMap() throws {
        let raw = PB.objectMeta(name: "cm", namespace: "ns") + PB.entry(2, "a", PB.string(2, "1")) + PB.entry(2, "empty", [])
            + PB.entry(3, "bin", PB.bytes(2, [0, 1, 2, 255])) + PB.bool(4, false)
        let json = try decoder.decode(PB.envelope("v1", "ConfigMap", raw), fallbackAPIVersion: "v1", fallbackKind: "ConfigMap")
        #expect(json["data"] == ["a": "1", "empty": ""])
        #expect(json["binaryData"] == ["bin": "AAEC/w=="])
        #expect(json["immutable"] == false)
        #expect(json[path: "metadata", "namespace"] == "ns")
    }

    @Test("a Secret: map<string, bytes> as base64, stringData, type")
    func secret() throws {
        let raw = PB.objectMeta(name: "s") + PB.entry(2, "password", PB.bytes(2, Array("hunter2".utf8)))
            + PB.entry(4, "plain", PB.string(2, "text")) + PB.string(3, "Opaque")
        let json = try decoder.decode(PB.envelope("v1", "Secret", raw), fallbackAPIVersion: "v1", fallbackKind: "Secret")
        #expect(json["data"] == ["password": "aHVudGVyMg=="])
        #expect(json["stringData"] == ["plain": "text"])
        #expect(json["type"] == "Opaque")
        #expect(json["immutable"] == nil)
    }

    @Test("a Deployment with a nested PodSpec: replicas 0 kept, quantities, int-or-string, inline probe handler and volume source, times")
    func deployment() throws {
        let container = PB.message(2,
            PB.string(1, "web"), PB.string(2, "nginx"), PB.string(3, "nginx"), PB.string(3, "-g"),
            PB.message(6, PB.string(1, ""), PB.int(2, 0), PB.int(3, 8080), PB.string(4, "TCP"), PB.string(5, "")),
            PB.message(8, PB.entry(1, "cpu", PB.message(2, PB.string(1, "500m"))), PB.entry(1, "memory", PB.message(2, PB.string(1, "64Mi")))),
            PB.message(10, PB.message(1, PB.message(2, PB.string(1, "/healthz"), PB.message(2, PB.int(1, 1), PB.int(2, 0), PB.string(3, "http")))),
                       PB.int(2, 0), PB.int(3, 1), PB.int(4, 10)),
            PB.string(14, "IfNotPresent"), PB.bool(16, false))
        let volume = PB.message(1, PB.string(1, "scratch"), PB.message(2, PB.message(2, PB.string(1, "Memory"), PB.message(2, PB.string(1, "1Gi")))))
        let podSpec = PB.message(2, volume, container, PB.string(3, "Always"), PB.int(4, 0), PB.string(7, ""), PB.bool(11, false))
        let template = PB.message(3, PB.objectMeta(name: "", labels: [("app", "web")]), podSpec)
        let strategy = PB.message(4, PB.string(1, "RollingUpdate"),
                                  PB.message(2, PB.message(1, PB.int(1, 0), PB.int(2, 1), PB.string(3, "")), PB.message(2, PB.int(1, 1), PB.int(2, 0), PB.string(3, "25%"))))
        let spec = PB.message(2, PB.int(1, 0), PB.message(2, PB.entry(1, "app", PB.string(2, "web"))), template, strategy, PB.int(5, 0), PB.int(6, 3))
        let created = PB.message(8, PB.int(1, 1_795_000_000), PB.int(2, 0))
        let meta = PB.message(1, PB.string(1, "web"), PB.string(3, "default"), PB.int(7, 2), created)
        let json = try decoder.decode(PB.envelope("apps/v1", "Deployment", meta + spec), fallbackAPIVersion: "apps/v1", fallbackKind: "Deployment")

        #expect(json[path: "metadata", "creationTimestamp"] == "2026-11-18T11:06:40Z")
        #expect(json[path: "metadata", "generation"] == 2)
        #expect(json[path: "spec", "replicas"] == 0)
        #expect(json[path: "spec", "minReadySeconds"] == nil)
        #expect(json[path: "spec", "revisionHistoryLimit"] == 3)
        #expect(json[path: "spec", "strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": "25%"]])
        let pod = try #require(json[path: "spec", "template", "spec"])
        #expect(pod["restartPolicy"] == "Always")
        #expect(pod["terminationGracePeriodSeconds"] == 0)
        #expect(pod["hostNetwork"] == nil)
        #expect(pod["volumes"] == [["name": "scratch", "emptyDir": ["medium": "Memory", "sizeLimit": "1Gi"]]])
        #expect(pod["containers"] == [[
            "name": "web", "image": "nginx", "command": ["nginx", "-g"],
            "ports": [["containerPort": 8080, "protocol": "TCP"]],
            "resources": ["limits": ["cpu": "500m", "memory": "64Mi"]],
            "livenessProbe": ["httpGet": ["path": "/healthz", "port": "http"], "timeoutSeconds": 1, "periodSeconds": 10],
            "imagePullPolicy": "IfNotPresent",
        ]])
        #expect(json[path: "spec", "template", "metadata"] == ["creationTimestamp": .null, "labels": ["app": "web"]])
    }

    @Test("a SelfSubjectAccessReview and a TokenRequest decode by the envelope's kind")
    func reviews() throws {
        let attributes = PB.message(1, PB.string(1, "proto"), PB.string(2, "create"), PB.string(3, "apps"), PB.string(4, ""),
                                    PB.string(5, "deployments"), PB.string(6, ""), PB.string(7, ""))
        let review = PB.envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", PB.objectMeta(name: "") + PB.message(2, attributes) + PB.message(3, PB.bool(1, false)))
        let json = try decoder.decode(review, fallbackAPIVersion: "authorization.k8s.io/v1", fallbackKind: "SelfSubjectAccessReview")
        #expect(json["spec"] == ["resourceAttributes": ["namespace": "proto", "verb": "create", "group": "apps", "resource": "deployments"]])
        #expect(json["status"] == ["allowed": false])

        let token = PB.envelope("authentication.k8s.io/v1", "TokenRequest",
                                PB.objectMeta(name: "") + PB.message(2, PB.string(1, "api"), PB.int(4, 600)) + PB.message(2))
        let request = try decoder.decode(token, fallbackAPIVersion: "v1", fallbackKind: "ServiceAccount")
        #expect(request["kind"] == "TokenRequest")
        #expect(request["spec"] == ["audiences": ["api"], "expirationSeconds": 600])
    }

    private func special(_ bytes: [UInt8], message: String) throws -> JSONValue? {
        try ProtobufDecoder.special(bytes[...], message: message)
    }

    @Test("MicroTime, Duration, RawExtension and FieldsV1 take their JSON forms")
    func wellKnown() throws {
        let meta = ProtobufDecoder.meta
        #expect(try special(PB.int(1, 1_795_000_000) + PB.int(2, 670_325_123), message: meta + "MicroTime") == "2026-11-18T11:06:40.670325Z")
        #expect(try special(PB.int(1, 1_795_000_000) + PB.int(2, 670_325_123), message: meta + "Time") == "2026-11-18T11:06:40Z")
        #expect(try special(PB.int(1, 90_500_000_000), message: meta + "Duration") == "1m30.5s")
        #expect(try special(PB.bytes(1, Array(#"{"a":[1]}"#.utf8)), message: "apimachinery.pkg.runtime.RawExtension") == ["a": [1]])
        #expect(try special([], message: "apimachinery.pkg.api.resource.Quantity") == "0")
        #expect(try special(PB.string(1, "ab") + PB.string(1, "cd"), message: "api.authentication.v1.ExtraValue") == ["ab", "cd"])
        #expect(ProtobufDecoder.goDuration(0) == "0s")
        #expect(ProtobufDecoder.goDuration(3_600_000_000_000) == "1h0m0s")
        #expect(ProtobufDecoder.goDuration(1_500_000) == "1.5ms")
        #expect(ProtobufDecoder.goDuration(-2_000_000_000) == "-2s")
        #expect(ProtobufDecoder.goDuration(999) == "999ns")

        let entry = PB.message(17, PB.string(1, "kubectl-create"), PB.string(2, "Update"), PB.string(3, "v1"),
                               PB.string(6, "FieldsV1"), PB.message(7, PB.bytes(1, Array(#"{"f:data":{}}"#.utf8))))
        let json = try decoder.decode(PB.envelope("v1", "ConfigMap", PB.message(1, PB.string(1, "cm"), entry)), fallbackAPIVersion: "v1", fallbackKind: "ConfigMap")
        #expect(json[path: "metadata", "managedFields"] == [["manager": "kubectl-create", "operation": "Update", "apiVersion": "v1",
                                                              "fieldsType": "FieldsV1", "fieldsV1": ["f:data": [:]]]])
    }

    @Test("unknown field numbers are skipped; a repeated message field may be sent twice")
    func unknownFields() throws {
        let raw = PB.objectMeta(name: "x", extra: PB.string(99, "future")) + PB.int(77, 5) + PB.message(2, PB.string(1, "kubernetes"), PB.string(1, "extra"))
        let json = try decoder.decode(PB.envelope("v1", "Namespace", raw), fallbackAPIVersion: "v1", fallbackKind: "Namespace")
        #expect(json[path: "metadata", "name"] == "x")
        #expect(json["spec"] == ["finalizers": ["kubernetes", "extra"]])
    }

    @Test("unreadable bodies: no magic, truncated, wrong wire type, bad UTF-8, unknown kind — each says what is wrong")
    func errors() {
        func failure(_ body: [UInt8]) -> String? {
            switch Result(catching: { () throws(ProtobufError) in try decoder.decode(body, fallbackAPIVersion: "v1", fallbackKind: "ConfigMap") }) {
            case .success: return nil
            case .failure(let error): return error.message
            }
        }
        #expect(failure(Array(#"{"kind":"ConfigMap"}"#.utf8)) == "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        #expect(failure(Array(PB.envelope("v1", "ConfigMap", PB.objectMeta(name: "cm")).dropLast(6)))?.contains("unexpected EOF") == true)
        #expect(failure(PB.envelope("v1", "ConfigMap", PB.message(1, PB.int(1, 5)))) == "field metadata.name: wrong wire type for a string value")
        #expect(failure(PB.envelope("v1", "ConfigMap", PB.message(1, PB.bytes(1, [0xFF, 0xFE])))) == "field metadata.name: invalid UTF-8 in string")
        #expect(failure(PB.envelope("demo.example.com/v1", "Widget", [])) == "no protobuf encoding is known for Widget in version \"demo.example.com/v1\"")
    }

    @Test("the server stores protobuf creates and updates, takes protobuf DeleteOptions, answers 400 for an unreadable body and 415 for a custom resource")
    func endToEnd() async throws {
        try await withServer { server, client in
            let body = PB.envelope("v1", "ConfigMap", PB.objectMeta(name: "cm") + PB.entry(2, "k", PB.string(2, "v")))
            let created = try await client.send("POST", "/api/v1/namespaces/default/configmaps",
                                                headers: [("Content-Type", "application/vnd.kubernetes.protobuf"), ("Accept", "application/json")], body: body)
            #expect(created.status == 201)
            #expect(created.json["data"] == ["k": "v"])
            #expect(created.json[path: "metadata", "uid"]?.stringValue?.isEmpty == false)

            var updated = PB.envelope("v1", "ConfigMap", PB.message(1, PB.string(1, "cm"), PB.string(6, created.json[path: "metadata", "resourceVersion"]?.stringValue ?? ""))
                                      + PB.entry(2, "k", PB.string(2, "w")))
            let put = try await client.send("PUT", "/api/v1/namespaces/default/configmaps/cm",
                                            headers: [("Content-Type", "application/vnd.kubernetes.protobuf")], body: updated)
            #expect(put.status == 200)
            #expect(put.json["data"] == ["k": "w"])

            updated = PB.envelope("v1", "ConfigMap", PB.message(1, PB.int(1, 3)))
            let bad = try await client.send("POST", "/api/v1/namespaces/default/configmaps",
                                            headers: [("Content-Type", "application/vnd.kubernetes.protobuf")], body: updated)
            #expect(bad.status == 400)
            #expect(bad.json["message"] == "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: field metadata.name: wrong wire type for a string value")
            let garbage = try await client.send("POST", "/api/v1/namespaces/default/configmaps",
                                                headers: [("Content-Type", "application/vnd.kubernetes.protobuf")], body: Array("nope".utf8))
            #expect(garbage.status == 400)
            #expect(garbage.json["message"]?.stringValue?.hasPrefix("the object provided is unrecognized (must be of type ConfigMap): provided data does not appear") == true)

            try await server.installCRD(widgetCRD)
            let widget = try await client.send("POST", "/apis/demo.example.com/v1/namespaces/default/widgets",
                                               headers: [("Content-Type", "application/vnd.kubernetes.protobuf")], body: PB.envelope("demo.example.com/v1", "Widget", []))
            #expect(widget.status == 415)

            let options = PB.envelope("meta.k8s.io/v1", "DeleteOptions", PB.message(2, PB.string(1, "wrong-uid")))
            let delete = try await client.send("DELETE", "/api/v1/namespaces/default/configmaps/cm",
                                               headers: [("Content-Type", "application/vnd.kubernetes.protobuf")], body: options)
            #expect(delete.status == 409)
        }
    }
}
