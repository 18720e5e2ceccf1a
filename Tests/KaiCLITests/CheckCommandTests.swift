import Foundation
import JSON
import KubeClient
import KubeTestServer
import Testing
import YAML
@testable import KaiCLI

/// `kai-operator check` against the test API server, as a user bound to exactly
/// the ClusterRole of `config/rbac/role.yaml`.
@Suite struct CheckCommandTests {
    /// The rules of config/rbac/role.yaml as the test server's policy rules.
    static func roleRules(dropping dropped: String? = nil) throws -> [PolicyRule] {
        let text = try String(contentsOfFile: OperatorRequirementsTests.repositoryRoot + "/config/rbac/role.yaml", encoding: .utf8)
        return try (YAML.parse(text)["rules"]?.arrayValue ?? []).compactMap { rule in
            let resources = rule["resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if let dropped, resources.contains(dropped) { return nil }
            return PolicyRule(apiGroups: rule["apiGroups"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                              resources: resources, verbs: rule["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }

    /// A minimal CRD with the operator's name, enough for the established check.
    static func crd(_ name: String) -> JSONValue {
        let plural = String(name.split(separator: ".")[0])
        let kind = plural.dropLast().prefix(1).uppercased() + plural.dropLast().dropFirst()
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(name)],
            "spec": ["group": "kai.dev", "scope": "Namespaced",
                     "names": ["plural": .string(plural), "singular": .string(String(plural.dropLast())), "kind": .string(kind), "listKind": .string(kind + "List")],
                     "versions": [["name": "v1alpha1", "served": true, "storage": true,
                                   "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]]],
        ]
    }

    func withServer(crds: Bool, rules: [PolicyRule], _ body: (String) async throws -> Void) async throws {
        let server = try KubeTestServer(options: .init(users: [.init(name: "system:serviceaccount:kai-system:kai-operator", token: "operator-token", rules: rules)]))
        try await server.start()
        do {
            if crds { for name in OperatorRequirements.crds { _ = try await server.installCRD(Self.crd(name)) } }
            let dir = NSTemporaryDirectory() + "kai-check-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/kubeconfig"
            try server.kubeconfig(user: "system:serviceaccount:kai-system:kai-operator").write(toFile: path, atomically: true, encoding: .utf8)
            try await body(path)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func passesWithExactlyTheClusterRole() async throws {
        try await withServer(crds: true, rules: try Self.roleRules()) { kubeconfig in
            let report = try await CheckCommand.check(kubeconfig: kubeconfig, context: nil)
            #expect(report.ok, "\(report.text)")
            #expect(report.text.contains("authenticated as system:serviceaccount:kai-system:kai-operator"))
            #expect(report.text.contains("✔ channels.kai.dev (v1alpha1): established"))
            #expect(report.text.contains("✔ patch channels.kai.dev/status"))
            #expect(report.lines.last == "✔ all checks passed")
        }
    }

    @Test func reportsAMissingPermission() async throws {
        try await withServer(crds: true, rules: try Self.roleRules(dropping: "events")) { kubeconfig in
            let report = try await CheckCommand.check(kubeconfig: kubeconfig, context: nil)
            #expect(!report.ok)
            #expect(report.text.contains("✗ create events.events.k8s.io: not allowed"))
            #expect(report.text.contains("✗ patch events.events.k8s.io: not allowed"))
            #expect(report.lines.last == "✗ check failed: 2 permission(s) missing")
        }
    }

    @Test func reportsMissingCRDs() async throws {
        try await withServer(crds: false, rules: try Self.roleRules()) { kubeconfig in
            let report = try await CheckCommand.check(kubeconfig: kubeconfig, context: nil)
            #expect(!report.ok)
            for name in OperatorRequirements.crds { #expect(report.text.contains("✗ \(name): not installed or not established")) }
        }
    }

    @Test func reportsAnUnreachableServer() async throws {
        let dir = NSTemporaryDirectory() + "kai-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.write(toFile: dir + "/config", atomically: true, encoding: .utf8)
        let report = try await CheckCommand.check(kubeconfig: dir + "/config", context: nil)
        #expect(!report.ok)
        #expect(report.text.contains("cannot reach the API server"))
        #expect(report.text.contains("http://127.0.0.1:1/version"))
    }
}
