public import KubeClient

/// What the operator needs from a cluster: its CRDs and its permissions.
///
/// `config/rbac/role.yaml` grants exactly ``permissions``; a test keeps the two
/// equal, and `kai-operator check` asks the API server about each one.
public enum OperatorRequirements {
    /// The CRDs of the controllers `run` starts, by `metadata.name`.
    public static let crds = ["channels.kai.dev", "devsessions.kai.dev"]

    /// One ClusterRole rule: resources of one group and the verbs on them.
    public struct Rule: Sendable, Equatable {
        public var group: String
        public var resources: [String]
        public var verbs: [String]
    }

    /// Every rule of the operator's ClusterRole (see `config/rbac/role.yaml` for why each is needed).
    public static let rules: [Rule] = [
        Rule(group: "kai.dev", resources: ["channels"], verbs: ["get", "list", "watch", "patch"]),
        Rule(group: "kai.dev", resources: ["devsessions"], verbs: ["get", "list", "watch", "patch", "delete"]),
        Rule(group: "kai.dev", resources: ["channels/status", "devsessions/status"], verbs: ["patch"]),
        Rule(group: "kai.dev", resources: ["devsessions/finalizers"], verbs: ["update"]),
        Rule(group: "", resources: ["secrets"], verbs: ["get", "list", "watch"]),
        Rule(group: "", resources: ["namespaces"], verbs: ["get", "list", "watch", "create", "patch", "delete"]),
        Rule(group: "", resources: ["services", "persistentvolumeclaims"], verbs: ["get", "list", "watch", "patch", "delete"]),
        Rule(group: "apps", resources: ["deployments"], verbs: ["get", "list", "watch", "patch", "delete"]),
        Rule(group: "networking.k8s.io", resources: ["ingresses"], verbs: ["get", "list", "watch", "patch", "delete"]),
        Rule(group: "events.k8s.io", resources: ["events"], verbs: ["create", "patch"]),
        Rule(group: "coordination.k8s.io", resources: ["leases"], verbs: ["get", "create", "update"]),
    ]

    /// Every (verb, resource) pair, cluster-wide, as access checks.
    public static var permissions: [AccessCheck] {
        rules.flatMap { rule in
            rule.resources.flatMap { resource in
                rule.verbs.map { verb in
                    let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                    return AccessCheck(verb: verb, group: rule.group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : nil)
                }
            }
        }
    }
}
