public import JSON

/// Who the API server thinks we are (`SelfSubjectReview`).
public struct UserInfo: Sendable, Equatable {
    public var username: String
    public var groups: [String]
    public var uid: String?
}

/// One permission: may this client do `verb` on `resource` (`group`, optional subresource and namespace)?
public struct AccessCheck: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var verb: String
    public var group: String
    public var resource: String
    public var subresource: String?
    /// nil: in every namespace (cluster-wide).
    public var namespace: String?

    public init(verb: String, group: String, resource: String, subresource: String? = nil, namespace: String? = nil) {
        self.verb = verb
        self.group = group
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
    }

    public var description: String {
        let res = (group.isEmpty ? resource : "\(resource).\(group)") + (subresource.map { "/\($0)" } ?? "")
        return "\(verb) \(res)" + (namespace.map { " in \($0)" } ?? "")
    }
}

extension KubeClient {
    /// `SelfSubjectReview`: the authenticated user and groups.
    public func whoAmI() async throws(KubeError) -> UserInfo {
        let body: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
        let value = try await create(.selfSubjectReviews, body)
        let info = value[path: "status", "userInfo"]
        return UserInfo(username: info?["username"]?.stringValue ?? "",
                        groups: info?["groups"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                        uid: info?["uid"]?.stringValue)
    }

    /// `SelfSubjectAccessReview`: whether the permission is granted, and the server's reason.
    public func canI(_ check: AccessCheck) async throws(KubeError) -> (allowed: Bool, reason: String?) {
        var attributes: JSONValue = ["verb": .string(check.verb), "group": .string(check.group), "resource": .string(check.resource)]
        if let s = check.subresource { attributes["subresource"] = .string(s) }
        if let n = check.namespace { attributes["namespace"] = .string(n) }
        let body: JSONValue = ["apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
                               "spec": ["resourceAttributes": attributes]]
        let value = try await create(.selfSubjectAccessReviews, body)
        return (value[path: "status", "allowed"]?.boolValue ?? false,
                value[path: "status", "reason"]?.stringValue ?? value[path: "status", "evaluationError"]?.stringValue)
    }
}
