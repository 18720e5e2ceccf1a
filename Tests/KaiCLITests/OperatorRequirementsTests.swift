import Foundation
import JSON
import Testing
import YAML
@testable import KaiCLI

/// `config/rbac/role.yaml` and the list `kai-operator check` checks are one list.
@Suite struct OperatorRequirementsTests {
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    @Test func clusterRoleMatchesTheCheckedPermissions() throws {
        let text = try String(contentsOfFile: Self.repositoryRoot + "/config/rbac/role.yaml", encoding: .utf8)
        let role = try YAML.parse(text)
        #expect(role["kind"] == "ClusterRole")
        let rules = try #require(role["rules"]?.arrayValue)
        let fromYAML = rules.map { rule in
            OperatorRequirements.Rule(group: rule["apiGroups"]?[0]?.stringValue ?? "?",
                                      resources: rule["resources"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                      verbs: rule["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        #expect(fromYAML == OperatorRequirements.rules)
        for rule in rules { #expect(rule["apiGroups"]?.arrayValue?.count == 1, "one group per rule keeps the comment honest") }
    }

    @Test func permissionsExpandEveryVerbAndSubresource() {
        let all = OperatorRequirements.permissions
        #expect(all.contains(AccessCheckKey("patch", "kai.dev", "channels", "status")))
        #expect(all.contains(AccessCheckKey("update", "kai.dev", "devsessions", "finalizers")))
        #expect(all.contains(AccessCheckKey("watch", "", "secrets", nil)))
        #expect(!all.contains(AccessCheckKey("create", "", "secrets", nil)))
        #expect(Set(all).count == all.count)
    }
}

import KubeClient
func AccessCheckKey(_ verb: String, _ group: String, _ resource: String, _ sub: String?) -> AccessCheck {
    AccessCheck(verb: verb, group: group, resource: resource, subresource: sub)
}
