/// A Kubernetes kind that has a Swift type: where it is served and how it decodes.
///
/// Conform a `Codable` struct with `apiVersion`, `kind` and `metadata` to use
/// the typed verbs of ``KubeClient``.
public protocol KubernetesResource: Codable, Sendable {
    /// Where the kind is served, e.g. `kai.dev/v1alpha1` `channels`, namespaced.
    static var resource: ResourceType { get }
    var metadata: ObjectMeta { get set }
}

/// A group/version/resource and whether it is namespaced.
public struct ResourceType: Hashable, Sendable, CustomStringConvertible {
    /// API group; empty for the core group.
    public var group: String
    public var version: String
    /// Plural resource name, e.g. `deployments`.
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `group/version`, or `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `resource.group`, as the API server names it in messages.
    public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public var description: String { "\(apiVersion), Resource=\(resource)" }

    /// The URL path of a collection or an object.
    /// - Parameters:
    ///   - namespace: ignored for cluster-scoped resources; nil lists across all namespaces.
    ///   - name: an object's name, or nil for the collection.
    ///   - subresource: `status`, `scale`, ...
    public func path(namespace: String? = nil, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { path += "/namespaces/\(namespace.pathEscaped)" }
        path += "/\(resource)"
        if let name { path += "/\(name.pathEscaped)" }
        if let subresource { path += "/\(subresource)" }
        return path
    }
}

extension String {
    /// Percent-encodes everything outside RFC 3986 unreserved characters.
    var pathEscaped: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Query-component encoding (also escapes `=`, `&`, `+`, `,` stays readable-safe escaped).
    var queryEscaped: String { pathEscaped }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
