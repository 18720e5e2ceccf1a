public import JSON
public import KubeClient

/// Points at an object, as an Event's `regarding` and `related` do.
public struct ObjectReference: Sendable, Hashable, CustomStringConvertible {
    /// The object's `apiVersion`.
    public var apiVersion: String
    /// The object's `kind`.
    public var kind: String
    /// nil for cluster-scoped objects.
    public var namespace: String?
    /// The object's name.
    public var name: String
    /// The object's uid: tells a re-created namesake apart.
    public var uid: String?
    /// The version the event is about, when it matters.
    public var resourceVersion: String?

    /// A reference from its parts.
    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String, uid: String? = nil,
                resourceVersion: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    /// A reference to an object of `resource` with `metadata`; nil without a name.
    public init?(resource: ResourceType, metadata: ObjectMeta) {
        guard let name = metadata.name, !name.isEmpty else { return nil }
        self.init(apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespaced ? metadata.namespace : nil,
                  name: name, uid: metadata.uid, resourceVersion: metadata.resourceVersion)
    }

    /// A reference to an object held as JSON; nil without `apiVersion`, `kind` or a name.
    public init?(object: JSONValue) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
              let name = object[path: "metadata", "name"]?.stringValue, !name.isEmpty else { return nil }
        self.init(apiVersion: apiVersion, kind: kind, namespace: object[path: "metadata", "namespace"]?.stringValue, name: name,
                  uid: object[path: "metadata", "uid"]?.stringValue,
                  resourceVersion: object[path: "metadata", "resourceVersion"]?.stringValue)
    }

    /// A reference to a typed object.
    public init?<T: KubernetesResource>(_ object: T) {
        self.init(resource: T.resource, metadata: object.metadata)
    }

    /// The `ObjectReference` JSON the API server expects.
    public var json: JSONValue {
        var value: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name)]
        if let namespace { value["namespace"] = .string(namespace) }
        if let uid { value["uid"] = .string(uid) }
        if let resourceVersion { value["resourceVersion"] = .string(resourceVersion) }
        return value
    }

    /// `Kind namespace/name`, for logs.
    public var description: String {
        "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
    }

    /// The identity of the object, without its version: what aggregation and the rate limit key on.
    var identity: String {
        "\(apiVersion)|\(kind)|\(namespace ?? "")|\(name)|\(uid ?? "")"
    }
}
