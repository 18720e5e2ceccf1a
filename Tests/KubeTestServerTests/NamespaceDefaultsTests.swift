import JSON
import Testing
@testable import KubeTestServer

/// kube-controller-manager's serviceaccounts controller and root-ca-cert-publisher, and the two
/// response details next to them (TokenRequest managedFields, Go's JSON syntax errors).
@Suite("Namespace defaults: ServiceAccount default and kube-root-ca.crt")
struct NamespaceDefaultsTests {
    static let namespaces = "/api/v1/namespaces"

    static func serviceAccount(_ namespace: String) -> String { "/api/v1/namespaces/\(namespace)/serviceaccounts/default" }
    static func rootCA(_ namespace: String) -> String { "/api/v1/namespaces/\(namespace)/configmaps/kube-root-ca.crt" }

    static func createNamespace(_ client: TestHTTPClient, _ name: String) async throws {
        let created = try await client.post(namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
        try #require(created.status == 201, "creating namespace \(name): \(created.text)")
    }

    @Test("the built-in namespaces start with both objects")
    func builtinNamespaces() async throws {
        try await withServer { _, client in
            for namespace in ["default", "kube-system", "kube-public", "kube-node-lease"] {
                #expect(try await client.get(Self.serviceAccount(namespace)).status == 200, "\(namespace)")
                let configMap = try await client.get(Self.rootCA(namespace))
                #expect(configMap.status == 200, "\(namespace)")
                // Plain HTTP: there is no CA to publish.
                #expect(configMap.json[path: "data", "ca.crt"] == "")
            }
        }
    }

    @Test("a new namespace gets the ServiceAccount default at once; kubectl create token default works")
    func serviceAccountOnCreate() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-a")
            let account = try await client.get(Self.serviceAccount("team-a"))
            #expect(account.status == 200)
            #expect(account.json["kind"] == "ServiceAccount")
            #expect(account.json[path: "metadata", "namespace"] == "team-a")
            // Its only field is its name: the field manager records nothing, as on a real cluster.
            #expect(account.json[path: "metadata", "managedFields"] == nil)
            #expect(account.json["secrets"] == nil)
            let token = try await client.post("/api/v1/namespaces/team-a/serviceaccounts/default/token",
                                              ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": [:]])
            #expect(token.status == 201)
            #expect(token.json[path: "status", "token"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("kube-root-ca.crt: the publisher's annotation, data and managedFields entry")
    func rootCAConfigMapShape() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-b")
            let configMap = try await client.get(Self.rootCA("team-b")).json
            #expect(configMap[path: "metadata", "annotations"] == [
                "kubernetes.io/description": .string(NamespaceDefaultsController.description),
            ])
            #expect(NamespaceDefaultsController.description.utf8.count == 229, "length of the recorded (protobuf) annotation")
            #expect(configMap["data"] == ["ca.crt": ""])
            let entries = configMap[path: "metadata", "managedFields"]?.arrayValue ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["manager"] == "kube-controller-manager")
            #expect(entries.first?["operation"] == "Update")
            #expect(entries.first?["fieldsV1"] == [
                "f:data": [".": [:], "f:ca.crt": [:]],
                "f:metadata": ["f:annotations": [".": [:], "f:kubernetes.io/description": [:]]],
            ])
        }
    }

    @Test("with TLS, ca.crt is the CA PEM that signed the serving certificate")
    func rootCAWithTLS() async throws {
        let server = try KubeTestServer(options: .init(tls: true))
        let caPEM = try #require(server.caPEM)
        let configMaps = try #require(BuiltinResources.core.first { $0.resource == "configmaps" })
        let configMap = try await server.cluster.get(type: configMaps, namespace: "default", name: "kube-root-ca.crt")
        #expect(configMap[path: "data", "ca.crt"] == .string(caPEM))
        #expect(caPEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
    }

    @Test("a deleted ServiceAccount default or kube-root-ca.crt is created again (a new object)")
    func recreatedAfterDelete() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-c")
            for path in [Self.serviceAccount("team-c"), Self.rootCA("team-c")] {
                let before = try await client.get(path).json[path: "metadata", "uid"]
                #expect(try await client.delete(path).status == 200)
                let after = try await client.get(path)
                #expect(after.status == 200, "\(path) was not re-created")
                #expect(after.json[path: "metadata", "uid"] != before)
            }
        }
    }

    @Test("an edited kube-root-ca.crt is repaired: data replaced as a whole, other metadata kept")
    func editedConfigMapRepaired() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-d")
            let path = Self.rootCA("team-d")
            let edited = try await client.patch(path, [
                "metadata": ["labels": ["owner": "me"], "annotations": ["kubernetes.io/description": nil, "note": "mine"]],
                "data": ["ca.crt": "tampered", "extra": "x"],
            ])
            // The writer sees its own write, as on a real cluster; the controller acts right after.
            #expect(edited.status == 200)
            #expect(edited.json[path: "data", "ca.crt"] == "tampered")
            let repaired = try await client.get(path).json
            #expect(repaired["data"] == ["ca.crt": ""])
            #expect(repaired[path: "metadata", "labels"] == ["owner": "me"])
            #expect(repaired[path: "metadata", "annotations", "note"] == "mine")
            #expect(repaired[path: "metadata", "annotations", "kubernetes.io/description"] == .string(NamespaceDefaultsController.description))
            let managers = (repaired[path: "metadata", "managedFields"]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
            #expect(Set(managers) == ["kube-controller-manager", "test-client"])
        }
    }

    @Test("an edit that keeps ca.crt and some description is left alone")
    func harmlessEditKept() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-e")
            let path = Self.rootCA("team-e")
            let edited = try await client.patch(path, ["metadata": ["annotations": ["kubernetes.io/description": "ours"]]]).json
            let current = try await client.get(path).json
            #expect(current[path: "metadata", "annotations", "kubernetes.io/description"] == "ours")
            #expect(current[path: "metadata", "resourceVersion"] == edited[path: "metadata", "resourceVersion"])
        }
    }

    @Test("a terminating namespace loses both objects for good and then goes away")
    func terminatingNamespace() async throws {
        try await withServer { _, client in
            try await Self.createNamespace(client, "team-f")
            #expect(try await client.delete(Self.namespaces + "/team-f").status == 200)
            #expect(try await client.get(Self.serviceAccount("team-f")).status == 404)
            #expect(try await client.get(Self.rootCA("team-f")).status == 404)
            #expect(try await client.get(Self.namespaces + "/team-f").status == 404)
        }
    }

    @Test("a namespace held by a finalizer stays Terminating without its defaults coming back")
    func heldNamespace() async throws {
        try await withServer { _, client in
            let created = try await client.post(Self.namespaces, [
                "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team-g", "finalizers": ["example.com/hold"]],
            ])
            try #require(created.status == 201)
            #expect(try await client.delete(Self.namespaces + "/team-g").status == 200)
            let namespace = try await client.get(Self.namespaces + "/team-g").json
            #expect(namespace[path: "status", "phase"] == "Terminating")
            #expect(try await client.get(Self.serviceAccount("team-g")).status == 404)
            #expect(try await client.get(Self.rootCA("team-g")).status == 404)
            // A later change to the namespace does not bring them back either.
            _ = try await client.patch(Self.namespaces + "/team-g", ["metadata": ["labels": ["x": "y"]]])
            #expect(try await client.get(Self.rootCA("team-g")).status == 404)
        }
    }

    @Test("a watcher on ConfigMaps sees the published kube-root-ca.crt arrive as ADDED")
    func watchSeesDefaults() async throws {
        try await withServer { _, client in
            let list = try await client.get("/api/v1/configmaps").json
            let names = (list["items"]?.arrayValue ?? []).map { "\($0[path: "metadata", "namespace"]?.stringValue ?? "")/\($0[path: "metadata", "name"]?.stringValue ?? "")" }
            #expect(names == ["default/kube-root-ca.crt", "kube-node-lease/kube-root-ca.crt", "kube-public/kube-root-ca.crt",
                              "kube-system/kube-root-ca.crt"])
            let rv = try #require(list[path: "metadata", "resourceVersion"]?.stringValue)
            let (status, events) = try await client.watch("/api/v1/configmaps?watch=1&resourceVersion=\(rv)")
            #expect(status == 200)
            try await Self.createNamespace(client, "team-h")
            var first: JSONValue?
            for try await event in events {
                first = event
                break
            }
            #expect(first?["type"] == "ADDED")
            #expect(first?[path: "object", "metadata", "namespace"] == "team-h")
            #expect(first?[path: "object", "metadata", "name"] == "kube-root-ca.crt")
        }
    }

    @Test("a TokenRequest response records the client's fields in managedFields (subresource token)")
    func tokenRequestManagedFields() async throws {
        try await withServer { _, client in
            let token = try await client.post("/api/v1/namespaces/default/serviceaccounts/default/token", [
                "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
                "spec": ["expirationSeconds": 3600, "boundObjectRef": nil],
            ]).json
            #expect(token[path: "metadata", "managedFields"] == [[
                "manager": "test-client", "operation": "Update", "apiVersion": "authentication.k8s.io/v1",
                "time": token[path: "metadata", "managedFields"]?.arrayValue?.first?["time"] ?? .null,
                "fieldsType": "FieldsV1", "fieldsV1": ["f:spec": ["f:expirationSeconds": [:]]], "subresource": "token",
            ]])
            #expect(token[path: "spec", "audiences"] == ["https://kubernetes.default.svc"])
        }
    }

    @Test("a malformed JSON body is answered with Go's encoding/json message")
    func malformedBody() async throws {
        try await withServer { _, client in
            let body = Array(#"{"apiVersion":"v1","kind":"ConfigMap","#.utf8)
            let response = try await client.send("POST", "/api/v1/namespaces/default/configmaps",
                                                 headers: [("Content-Type", "application/json")], body: body)
            #expect(response.status == 400)
            #expect(response.json["message"] == .string(
                #"the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({"apiVersion":"v1","kind":"Con ...)"#))
        }
    }

    @Test("Go's syntax error messages, case by case", arguments: [
        (#"{"a":1,"#, "unexpected end of JSON input"),
        ("", "unexpected end of JSON input"),
        ("   ", "unexpected end of JSON input"),
        (#"{"a" 1}"#, "invalid character '1' after object key"),
        (#"{"a":1 "b":2}"#, #"invalid character '"' after object key:value pair"#),
        ("[1 2]", "invalid character '2' after array element"),
        ("{a:1}", "invalid character 'a' looking for beginning of object key string"),
        ("{,}", "invalid character ',' looking for beginning of object key string"),
        ("[,]", "invalid character ',' looking for beginning of value"),
        (#"{"a":}"#, "invalid character '}' looking for beginning of value"),
        ("{} x", "invalid character 'x' after top-level value"),
        ("tru", "invalid character ' ' in literal true (expecting 'e')"),
        ("nul!", "invalid character '!' in literal null (expecting 'l')"),
        ("fx", "invalid character 'x' in literal false (expecting 'a')"),
        ("-", "invalid character ' ' in numeric literal"),
        ("-x", "invalid character 'x' in numeric literal"),
        ("1.", "invalid character ' ' after decimal point in numeric literal"),
        ("1e+", "invalid character ' ' in exponent of numeric literal"),
        ("01", "invalid character '1' after top-level value"),
        (#""a\q""#, "invalid character 'q' in string escape code"),
        (#""\u12g4""#, #"invalid character 'g' in \u hexadecimal character escape"#),
        ("\"a\nb\"", #"invalid character '\n' in string literal"#),
        ("'a'", #"invalid character '\'' looking for beginning of value"#),
        ("\u{9e}", #"invalid character '\xc2' looking for beginning of value"#),
    ])
    func goSyntaxErrors(input: String, message: String) {
        #expect(GoJSONSyntax.error(in: Array(input.utf8)) == message)
    }

    @Test("valid JSON has no Go syntax error", arguments: [
        #"{"a":[1,-2.5e+3,0,true,false,null,"x\"\u00e9"],"b":{}}"#, "[]", " 12 ", "\"s\"", "-0.0E1",
    ])
    func goSyntaxValid(input: String) {
        #expect(GoJSONSyntax.error(in: Array(input.utf8)) == nil)
    }
}
