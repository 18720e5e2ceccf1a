/// What a URL path addresses.
enum RequestRoute: Sendable, Equatable {
    struct Resource: Sendable, Equatable {
        var group: String
        var version: String
        var resource: String
        var namespace: String?
        var name: String?
        var subresource: String?
        /// The legacy `/watch/` path prefix.
        var watchPrefix = false
    }

    case version
    case health(String)
    case coreVersions
    case groups
    case group(String)
    case resourceList(group: String, version: String)
    case openAPIv2
    case openAPIv3Index
    case openAPIv3(String)
    case resource(Resource)
    case notFound

    /// Parses like the API server's RequestInfoFactory (namespaces/{ns}/status is the Namespace's subresource).
    init(path rawPath: String) {
        var path = rawPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { self = .notFound; return }
        switch first {
        case "version": self = parts.count == 1 ? .version : .notFound
        case "healthz", "livez", "readyz": self = .health(path)
        case "openapi":
            if parts == ["openapi", "v2"] { self = .openAPIv2 }
            else if parts == ["openapi", "v3"] { self = .openAPIv3Index }
            else if parts.count > 2, parts[1] == "v3" { self = .openAPIv3(parts.dropFirst(2).joined(separator: "/")) }
            else { self = .notFound }
        case "api":
            if parts.count == 1 { self = .coreVersions; return }
            if parts.count == 2 { self = .resourceList(group: "", version: parts[1]); return }
            self = RequestRoute.resource(group: "", version: parts[1], rest: Array(parts.dropFirst(2)))
        case "apis":
            if parts.count == 1 { self = .groups; return }
            if parts.count == 2 { self = .group(parts[1]); return }
            if parts.count == 3 { self = .resourceList(group: parts[1], version: parts[2]); return }
            self = RequestRoute.resource(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
        default: self = .notFound
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> RequestRoute {
        var parts = rest
        var watchPrefix = false
        if parts.first == "watch" { watchPrefix = true; parts.removeFirst() }
        guard !parts.isEmpty else { return .notFound }
        var namespace: String?
        if parts[0] == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2, !["status", "finalize"].contains(parts[2]) {
                parts = Array(parts.dropFirst(2))
            } else {
                // The Namespace object itself (and its subresources).
                return .resource(Resource(group: group, version: version, resource: "namespaces", namespace: parts[1],
                                          name: parts[1], subresource: parts.count > 2 ? parts[2] : nil, watchPrefix: watchPrefix))
            }
        }
        return .resource(Resource(group: group, version: version, resource: parts[0], namespace: namespace,
                                  name: parts.count > 1 ? parts[1] : nil,
                                  subresource: parts.count > 2 ? parts.dropFirst(2).joined(separator: "/") : nil,
                                  watchPrefix: watchPrefix))
    }
}
