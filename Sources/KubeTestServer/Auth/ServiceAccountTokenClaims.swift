import JSON

/// The private claims of a TokenRequest-issued ServiceAccount token that the real
/// authenticator turns into `user.extra` (k8s.io/apiserver's `ServiceAccountInfo.UserInfo`):
/// the token's JTI as its credential id, and the pod and node it is bound to.
struct ServiceAccountTokenClaims: Sendable, Equatable {
    static let credentialIDKey = "authentication.kubernetes.io/credential-id"
    static let podNameKey = "authentication.kubernetes.io/pod-name"
    static let podUIDKey = "authentication.kubernetes.io/pod-uid"
    static let nodeNameKey = "authentication.kubernetes.io/node-name"
    static let nodeUIDKey = "authentication.kubernetes.io/node-uid"

    /// The token's `jti` claim (a fresh UUID per token, as the real token generator makes it).
    var jti: String
    var podName = ""
    var podUID = ""
    var nodeName = ""
    var nodeUID = ""

    /// `user.extra` as the real authenticator fills it: pod name and uid only together,
    /// the node uid only with a node name, the credential id `JTI=<jti>` whenever a JTI exists.
    var extra: [String: [String]] {
        var out: [String: [String]] = [:]
        if !podName.isEmpty && !podUID.isEmpty {
            out[Self.podNameKey] = [podName]
            out[Self.podUIDKey] = [podUID]
        }
        if !jti.isEmpty { out[Self.credentialIDKey] = ["JTI=" + jti] }
        if !nodeName.isEmpty {
            out[Self.nodeNameKey] = [nodeName]
            if !nodeUID.isEmpty { out[Self.nodeUIDKey] = [nodeUID] }
        }
        return out
    }
}
