import JSON
import Testing
@testable import KubeTestServer

@Suite("Authentication and authorization")
struct AuthTests {
    static let reader = KubeTestServer.User(name: "reader", token: "reader-token", rules: [
        PolicyRule(apiGroups: ["demo.example.com"], resources: ["widgets"], verbs: ["get", "list", "watch"], namespaces: ["default"]),
    ])

    @Test("no credentials is 403 system:anonymous, an invalid token is 401, /version is public")
    func anonymousAndInvalid() async throws {
        try await withServer { server, client in
            var anonymous = client
            anonymous.token = nil
            let forbidden = try await anonymous.get("/api/v1/namespaces").json
            #expect(forbidden["code"] == 403)
            #expect(forbidden["message"] == "namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope")
            #expect(try await anonymous.get("/version").status == 200)
            var invalid = client
            invalid.token = "not-a-valid-token"
            let unauthorized = try await invalid.get("/api/v1/namespaces")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.json["message"] == "Unauthorized")
        }
    }

    @Test("per-user rules: allowed verbs pass, others are 403 with the RBAC message; subresources are separate")
    func userRules() async throws {
        try await withServer(users: [Self.reader]) { server, admin in
            try await server.installCRD(widgetCRD)
            _ = try await admin.post(widgets, widget("secret-widget"))
            var reader = admin
            reader.token = "reader-token"
            #expect(try await reader.get(widgets).status == 200)
            let create = try await reader.post(widgets, widget("sa-made")).json
            #expect(create["message"] == "widgets.demo.example.com is forbidden: User \"reader\" cannot create resource \"widgets\" in API group \"demo.example.com\" in the namespace \"default\"")
            #expect(create["details"] == ["group": "demo.example.com", "kind": "widgets"])
            let status = try await reader.patch("\(widgets)/secret-widget/status", ["status": ["observedGeneration": 1]]).json
            #expect(status["message"] == "widgets.demo.example.com \"secret-widget\" is forbidden: User \"reader\" cannot patch resource \"widgets/status\" in API group \"demo.example.com\" in the namespace \"default\"")
            #expect(try await reader.get("/apis/demo.example.com/v1/namespaces/other/widgets").status == 403)
            await server.addUser("writer", token: "writer-token", rules: [PolicyRule(apiGroups: ["*"], resources: ["widgets/status"], verbs: ["patch"])])
            var writer = admin
            writer.token = "writer-token"
            #expect(try await writer.patch("\(widgets)/secret-widget/status", ["status": ["observedGeneration": 1]]).status == 200)
        }
    }

    @Test("SelfSubjectReview and SelfSubjectAccessReview answer from the configuration")
    func reviews() async throws {
        try await withServer(users: [Self.reader]) { server, admin in
            var reader = admin
            reader.token = "reader-token"
            let who = try await reader.post("/apis/authentication.k8s.io/v1/selfsubjectreviews", ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"])
            #expect(who.status == 201)
            #expect(who.json[path: "status", "userInfo", "username"] == "reader")
            #expect(who.json[path: "status", "userInfo", "groups"] == ["system:authenticated"])
            func review(_ verb: String) -> JSONValue {
                ["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                 "spec": ["resourceAttributes": ["namespace": "default", "verb": .string(verb), "group": "demo.example.com", "resource": "widgets"]]]
            }
            #expect(try await reader.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review("list")).json[path: "status", "allowed"] == true)
            let denied = try await reader.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review("delete")).json
            #expect(denied["status"] == ["allowed": false])
        }
    }

    @Test("RBAC objects bind a ServiceAccount token to a Role")
    func rbacObjects() async throws {
        try await withServer { server, admin in
            try await server.installCRD(widgetCRD)
            _ = try await admin.post("/api/v1/namespaces/default/serviceaccounts", ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "reader"]])
            let token = try await admin.post("/api/v1/namespaces/default/serviceaccounts/reader/token",
                                            ["apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": ["expirationSeconds": 3600]]).json
            var sa = admin
            sa.token = token[path: "status", "token"]?.stringValue
            let before = try await sa.get(widgets).json
            #expect(before["message"] == "widgets.demo.example.com is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource \"widgets\" in API group \"demo.example.com\" in the namespace \"default\"")
            _ = try await admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": "widget-reader"],
                "rules": [["apiGroups": ["demo.example.com"], "resources": ["widgets"], "verbs": ["get", "list", "watch"]]],
            ])
            _ = try await admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": "widget-reader"],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "widget-reader"],
                "subjects": [["kind": "ServiceAccount", "name": "reader", "namespace": "default"]],
            ])
            #expect(try await sa.get(widgets).status == 200)
            let reason = try await sa.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", [
                "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                "spec": ["resourceAttributes": ["namespace": "default", "verb": "list", "group": "demo.example.com", "resource": "widgets"]],
            ]).json[path: "status", "reason"]
            #expect(reason == "RBAC: allowed by RoleBinding \"widget-reader/default\" of Role \"widget-reader\" to ServiceAccount \"reader/default\"")
        }
    }
}
