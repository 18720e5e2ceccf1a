/// A user the test server knows, with the rules it grants directly.
struct StaticUser: Sendable {
    var info: UserInfo
    var rules: [PolicyRule]
}

/// Authentication and authorization settings: bearer tokens, per-user and
/// per-group rules (RBAC objects stored in the cluster are evaluated too).
struct AccessConfig: Sendable {
    var tokens: [String: StaticUser] = [:]
    /// Rules for users that authenticate without a token (client certificates), by user name.
    var certificateUserRules: [String: [PolicyRule]] = [:]
    var groupRules: [String: [PolicyRule]] = [:]
}
