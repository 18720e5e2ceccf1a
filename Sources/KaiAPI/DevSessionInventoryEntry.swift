/// One child in `status.inventory`: enough to find it again and prune it when it is no
/// longer rendered.
public struct DevSessionInventoryEntry: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    /// nil for the Namespace (cluster-scoped).
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }
}
