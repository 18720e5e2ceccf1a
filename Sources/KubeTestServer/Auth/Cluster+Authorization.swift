import JSON

extension Cluster {
    /// Who a bearer token (or a verified client certificate) belongs to; nil for an unknown token.
    func authenticate(bearer: String?, certificate: UserInfo?) -> UserInfo?? {
        if let bearer {
            guard let user = access.tokens[bearer] else { return .some(nil) }
            return .some(withAuthenticatedGroup(user.info))
        }
        if let certificate { return .some(withAuthenticatedGroup(certificate)) }
        return .none
    }

    private func withAuthenticatedGroup(_ user: UserInfo) -> UserInfo {
        var u = user
        if !u.groups.contains("system:authenticated") { u.groups.append("system:authenticated") }
        return u
    }

    func addUser(token: String, user: StaticUser) { access.tokens[token] = user }
    func setCertificateUserRules(_ name: String, rules: [PolicyRule]) { access.certificateUserRules[name] = rules }
    func setGroupRules(_ group: String, rules: [PolicyRule]) { access.groupRules[group] = rules }

    /// The RBAC decision for a request, with the reason a SelfSubjectAccessReview reports.
    func authorize(_ user: UserInfo, _ attributes: RequestAttributes) -> (allowed: Bool, reason: String) {
        if user.groups.contains("system:masters") { return (true, "") }
        if let path = attributes.nonResourcePath {
            let publicPaths = ["/version", "/version/", "/healthz", "/livez", "/readyz"]
            if attributes.verb == "get", publicPaths.contains(path) || path.hasPrefix("/healthz/") || path.hasPrefix("/livez/") || path.hasPrefix("/readyz/") {
                return (true, "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\"")
            }
            if !user.isAnonymous, attributes.verb == "get",
               ["/api", "/apis", "/openapi"].contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
                return (true, "RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\" to Group \"system:authenticated\"")
            }
        } else if !user.isAnonymous, attributes.verb == "create",
                  (attributes.group == "authorization.k8s.io" && ["selfsubjectaccessreviews", "selfsubjectrulesreviews"].contains(attributes.resource))
                    || (attributes.group == "authentication.k8s.io" && attributes.resource == "selfsubjectreviews") {
            return (true, "RBAC: allowed by ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\"")
        }
        for rule in staticRules(for: user) where rule.allows(attributes) {
            return (true, "allowed by the test server's rules for user \"\(user.name)\"")
        }
        return rbacDecision(user, attributes)
    }

    func staticRules(for user: UserInfo) -> [PolicyRule] {
        var rules = access.tokens.values.filter { $0.info.name == user.name }.flatMap(\.rules)
        rules += access.certificateUserRules[user.name] ?? []
        for group in user.groups { rules += access.groupRules[group] ?? [] }
        return rules
    }

    /// Evaluates ClusterRoleBindings and RoleBindings stored in the cluster.
    private func rbacDecision(_ user: UserInfo, _ attributes: RequestAttributes) -> (allowed: Bool, reason: String) {
        let rbac = "rbac.authorization.k8s.io"
        let clusterRoles = objects[GroupResource(group: rbac, resource: "clusterroles")] ?? [:]
        let roles = objects[GroupResource(group: rbac, resource: "roles")] ?? [:]
        func rules(of roleRef: JSONValue, namespace: String) -> [PolicyRule] {
            let name = roleRef["name"]?.stringValue ?? ""
            let role = roleRef["kind"]?.stringValue == "ClusterRole"
                ? clusterRoles[ObjectKey(namespace: "", name: name)] : roles[ObjectKey(namespace: namespace, name: name)]
            return (role?["rules"]?.arrayValue ?? []).map(Self.policyRule)
        }
        func subjectMatches(_ binding: JSONValue) -> String? {
            for subject in binding["subjects"]?.arrayValue ?? [] {
                let name = subject["name"]?.stringValue ?? ""
                switch subject["kind"]?.stringValue {
                case "User" where name == user.name: return "User \"\(name)\""
                case "Group" where user.groups.contains(name): return "Group \"\(name)\""
                case "ServiceAccount":
                    let ns = subject["namespace"]?.stringValue ?? ""
                    if user.name == "system:serviceaccount:\(ns):\(name)" { return "ServiceAccount \"\(name)/\(ns)\"" }
                default: continue
                }
            }
            return nil
        }
        for (key, binding) in (objects[GroupResource(group: rbac, resource: "clusterrolebindings")] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let subject = subjectMatches(binding) else { continue }
            let roleRef = binding["roleRef"] ?? .null
            if rules(of: roleRef, namespace: "").contains(where: { $0.allows(attributes) }) {
                return (true, "RBAC: allowed by ClusterRoleBinding \"\(key.name)\" of ClusterRole \"\(roleRef["name"]?.stringValue ?? "")\" to \(subject)")
            }
        }
        if !attributes.namespace.isEmpty {
            for (key, binding) in (objects[GroupResource(group: rbac, resource: "rolebindings")] ?? [:]).sorted(by: { $0.key < $1.key })
            where key.namespace == attributes.namespace {
                guard let subject = subjectMatches(binding) else { continue }
                let roleRef = binding["roleRef"] ?? .null
                if rules(of: roleRef, namespace: key.namespace).contains(where: { $0.allows(attributes) }) {
                    return (true, "RBAC: allowed by RoleBinding \"\(key.name)/\(key.namespace)\" of \(roleRef["kind"]?.stringValue ?? "Role") \"\(roleRef["name"]?.stringValue ?? "")\" to \(subject)")
                }
            }
        }
        return (false, "")
    }

    static func policyRule(_ rule: JSONValue) -> PolicyRule {
        func strings(_ key: String) -> [String] { rule[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return PolicyRule(apiGroups: strings("apiGroups"), resources: strings("resources"), verbs: strings("verbs"),
                          resourceNames: strings("resourceNames"), nonResourceURLs: strings("nonResourceURLs"))
    }

    /// The effective rules of a user in a namespace (SelfSubjectRulesReview).
    func rules(for user: UserInfo, namespace: String) -> [PolicyRule] {
        if user.groups.contains("system:masters") { return [PolicyRule.all] }
        var out = staticRules(for: user).filter { $0.namespaces == nil || $0.namespaces?.contains(namespace) == true }
        out.append(PolicyRule(apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], verbs: ["create"]))
        out.append(PolicyRule(apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"], verbs: ["create"]))
        let rbac = "rbac.authorization.k8s.io"
        let clusterRoles = objects[GroupResource(group: rbac, resource: "clusterroles")] ?? [:]
        let roles = objects[GroupResource(group: rbac, resource: "roles")] ?? [:]
        let bindings = (objects[GroupResource(group: rbac, resource: "clusterrolebindings")] ?? [:]).values.map { ($0, "") }
            + (objects[GroupResource(group: rbac, resource: "rolebindings")] ?? [:]).filter { $0.key.namespace == namespace }.map { ($0.value, namespace) }
        for (binding, ns) in bindings where Self.bindingNames(binding, user) {
            let roleRef = binding["roleRef"] ?? .null
            let name = roleRef["name"]?.stringValue ?? ""
            let role = roleRef["kind"]?.stringValue == "ClusterRole" ? clusterRoles[ObjectKey(namespace: "", name: name)]
                : roles[ObjectKey(namespace: ns, name: name)]
            out += (role?["rules"]?.arrayValue ?? []).map(Self.policyRule)
        }
        return out
    }

    static func bindingNames(_ binding: JSONValue, _ user: UserInfo) -> Bool {
        (binding["subjects"]?.arrayValue ?? []).contains { subject in
            let name = subject["name"]?.stringValue ?? ""
            switch subject["kind"]?.stringValue {
            case "User": return name == user.name
            case "Group": return user.groups.contains(name)
            case "ServiceAccount": return user.name == "system:serviceaccount:\(subject["namespace"]?.stringValue ?? ""):\(name)"
            default: return false
            }
        }
    }

    /// A ServiceAccount token (TokenRequest): the SA becomes a user that RBAC objects can bind,
    /// with the token's claims (credential id, bound pod and node) as its `extra`.
    func issueServiceAccountToken(namespace: String, name: String, uid: String, claims: ServiceAccountTokenClaims) -> String {
        let token = "sa-" + newUID().replacingOccurrences(of: "-", with: "")
        access.tokens[token] = StaticUser(
            info: UserInfo(name: "system:serviceaccount:\(namespace):\(name)", uid: uid,
                           groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"], extra: claims.extra),
            rules: [])
        return token
    }
}
