/// A permission in the shape of an RBAC `PolicyRule`, used to configure what a
/// test user may do (and evaluated the same way for RBAC objects stored in the server).
///
/// `"*"` matches anything in each list. `resources` may name subresources
/// (`channels/status`, `channels/finalizers`) and `*/status`.
public struct PolicyRule: Sendable, Equatable {
    public var apiGroups: [String]
    public var resources: [String]
    public var verbs: [String]
    /// Empty: any object name.
    public var resourceNames: [String]
    /// nil: every namespace and the cluster scope; otherwise only requests in these namespaces.
    public var namespaces: [String]?
    /// Non-resource paths (`/healthz`, `/api/*`) for `get`-like verbs.
    public var nonResourceURLs: [String]

    public init(
        apiGroups: [String] = [], resources: [String] = [], verbs: [String],
        resourceNames: [String] = [], namespaces: [String]? = nil, nonResourceURLs: [String] = []
    ) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.verbs = verbs
        self.resourceNames = resourceNames
        self.namespaces = namespaces
        self.nonResourceURLs = nonResourceURLs
    }

    /// Everything, everywhere (what `cluster-admin` grants).
    public static let all = PolicyRule(apiGroups: ["*"], resources: ["*"], verbs: ["*"], nonResourceURLs: ["*"])

    func allows(_ attributes: RequestAttributes) -> Bool {
        guard verbs.contains("*") || verbs.contains(attributes.verb) else { return false }
        if let path = attributes.nonResourcePath {
            return nonResourceURLs.contains { pattern in
                pattern == "*" || pattern == path || (pattern.hasSuffix("*") && path.hasPrefix(String(pattern.dropLast())))
            }
        }
        guard apiGroups.contains("*") || apiGroups.contains(attributes.group) else { return false }
        let full = attributes.subresource.isEmpty ? attributes.resource : "\(attributes.resource)/\(attributes.subresource)"
        let resourceMatch = resources.contains { r in
            r == "*" || r == full || (!attributes.subresource.isEmpty && r == "*/\(attributes.subresource)")
        }
        guard resourceMatch else { return false }
        if !resourceNames.isEmpty, !resourceNames.contains(attributes.name) { return false }
        if let namespaces {
            guard !attributes.namespace.isEmpty, namespaces.contains(attributes.namespace) else { return false }
        }
        return true
    }
}

/// Who is asking, after authentication.
struct UserInfo: Sendable, Equatable {
    var name: String
    var uid: String = ""
    var groups: [String]
    var extra: [String: [String]] = [:]

    static let anonymous = UserInfo(name: "system:anonymous", groups: ["system:unauthenticated"])
    var isAnonymous: Bool { name == "system:anonymous" }
}

/// What a request wants to do, in RBAC terms.
struct RequestAttributes: Sendable {
    var verb: String
    var group: String = ""
    var resource: String = ""
    var subresource: String = ""
    var namespace: String = ""
    var name: String = ""
    /// Set for non-resource requests (`/version`, `/apis`).
    var nonResourcePath: String? = nil
}
