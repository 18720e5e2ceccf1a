/// The name of a secondary index of a ``Store``.
public struct IndexName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name.
    public var rawValue: String

    /// An index name.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// Built in: objects by `metadata.namespace` (`""` for cluster-scoped objects).
    public static let namespace: IndexName = "namespace"
    /// Built in: objects by the uid of their controller owner reference (`controller: true`);
    /// what a controller uses to find the children of an owner.
    public static let controllerUID: IndexName = "controller-uid"

    public var description: String { rawValue }
}
