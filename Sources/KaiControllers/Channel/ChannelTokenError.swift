import KubeClient

/// Why a bearer token could not be read.
enum ChannelTokenError: Error, Sendable, CustomStringConvertible {
    /// The Secret does not exist.
    case secretNotFound(namespace: String, name: String)
    /// The Secret exists without the key (or its value is not base64).
    case keyMissing(namespace: String, name: String, key: String)
    /// The token file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// Reading the Secret failed (forbidden, API server unavailable).
    case api(namespace: String, name: String, KubeError)

    /// True when a person has to create or fix the Secret (nothing to retry until then).
    var needsUserAction: Bool {
        switch self {
        case .secretNotFound, .keyMissing: return true
        case .unreadableFile, .api: return false
        }
    }

    var description: String {
        switch self {
        case .secretNotFound(let namespace, let name):
            return "Secret \(namespace)/\(name) (spec.kernelAPI.authSecretRef) not found"
        case .keyMissing(let namespace, let name, let key):
            return "Secret \(namespace)/\(name) has no key \"\(key)\" (spec.kernelAPI.authSecretRef.key)"
        case .unreadableFile(let path, let reason):
            return "cannot read the token file \(path): \(reason)"
        case .api(let namespace, let name, let error):
            return "cannot read Secret \(namespace)/\(name): \(error)"
        }
    }
}
