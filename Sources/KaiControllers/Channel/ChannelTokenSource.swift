/// Where a bearer token comes from: the operator-wide kernel API token, or the webhook token.
public enum ChannelTokenSource: Sendable, Equatable, CustomStringConvertible {
    /// No token: no `Authorization` header is sent (or, for the webhook, none is required).
    case none
    /// The token itself (from an environment variable).
    case value(String)
    /// A file holding the token, read again at every use so a rotated Secret volume is picked up.
    case file(String)
    /// One key of a Secret, read through the API (and cached briefly).
    case secret(namespace: String, name: String, key: String)

    /// Parses `NAMESPACE/NAME` or `NAMESPACE/NAME#KEY` (key `token` by default).
    /// - Throws: ``ChannelConfigurationError`` naming `flag` and what is wrong.
    public static func parseSecret(_ text: String, flag: String) throws(ChannelConfigurationError) -> ChannelTokenSource {
        var reference = Substring(text)
        var key = "token"
        if let hash = reference.firstIndex(of: "#") {
            key = String(reference[reference.index(after: hash)...])
            reference = reference[..<hash]
        }
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !key.isEmpty else {
            throw ChannelConfigurationError(setting: flag, reason: "expected NAMESPACE/NAME or NAMESPACE/NAME#KEY, got \"\(text)\"")
        }
        return .secret(namespace: String(parts[0]), name: String(parts[1]), key: key)
    }

    /// Where the token comes from, never the token itself (for logs).
    public var description: String {
        switch self {
        case .none: return "none"
        case .value: return "a value from the environment"
        case .file(let path): return "file \(path)"
        case .secret(let namespace, let name, let key): return "Secret \(namespace)/\(name) key \(key)"
        }
    }
}
