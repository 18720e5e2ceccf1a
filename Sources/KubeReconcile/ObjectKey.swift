public import KubeClient

/// Identifies the object a reconcile is about: `namespace/name`, or `name` alone for a
/// cluster-scoped object. It is the only thing a ``Reconciler`` is given, so that the reconciler
/// always reads the current state from the cache instead of trusting a stale event.
public struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The namespace; nil for cluster-scoped objects.
    public var namespace: String?
    /// The object's name.
    public var name: String

    /// A key; an empty namespace means a cluster-scoped object, like nil.
    public init(namespace: String? = nil, name: String) {
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
    }

    /// The key of an object from its metadata; nil when the metadata has no name.
    public init?(_ metadata: ObjectMeta) {
        guard let name = metadata.name, !name.isEmpty else { return nil }
        self.init(namespace: metadata.namespace, name: name)
    }

    /// Parses `namespace/name` or `name`; nil for an empty name or more than one `/`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where !parts[0].isEmpty:
            self.init(name: String(parts[0]))
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty:
            self.init(namespace: String(parts[0]), name: String(parts[1]))
        default:
            return nil
        }
    }

    /// `namespace/name`, or `name`: the same form as the cache's keys.
    public var description: String {
        guard let namespace else { return name }
        return "\(namespace)/\(name)"
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }
}
