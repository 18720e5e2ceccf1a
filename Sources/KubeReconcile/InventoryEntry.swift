public import JSON
import KubeClient

/// One child in an owner's `status.inventory`: enough to find it again and delete it when
/// it is no longer rendered.
public struct InventoryEntry: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// `v1`, `apps/v1`, ...
    public var apiVersion: String
    /// `ConfigMap`, `Deployment`, ...
    public var kind: String
    /// nil for cluster-scoped children.
    public var namespace: String?
    /// The child's name.
    public var name: String

    /// An entry from its parts.
    public init(apiVersion: String, kind: String, namespace: String? = nil, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = (namespace?.isEmpty ?? true) ? nil : namespace
        self.name = name
    }

    /// The entry of a rendered or live object.
    /// - Throws: ``InvalidObjectError`` when it has no `apiVersion`, `kind` or `metadata.name`.
    public init(of object: JSONValue) throws(InvalidObjectError) {
        let described = OwnerReference.describe(object)
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw InvalidObjectError(object: described, field: "apiVersion", reason: "required")
        }
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            throw InvalidObjectError(object: described, field: "kind", reason: "required")
        }
        guard let name = object[path: "metadata", "name"]?.stringValue, !name.isEmpty else {
            throw InvalidObjectError(object: described, field: "metadata.name", reason: "required")
        }
        self.init(apiVersion: apiVersion, kind: kind, namespace: object[path: "metadata", "namespace"]?.stringValue, name: name)
    }

    /// The API group (`apps` of `apps/v1`; empty for the core group).
    public var group: String { Controller.group(ofAPIVersion: apiVersion) }

    /// The same object whatever the version it was written with (`autoscaling/v1` and
    /// `autoscaling/v2` HorizontalPodAutoscalers are one object).
    var identity: String { "\(group)|\(kind)|\(namespace ?? "")|\(name)" }

    /// `Kind namespace/name`.
    public var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }

    public static func < (lhs: InventoryEntry, rhs: InventoryEntry) -> Bool {
        (lhs.group, lhs.kind, lhs.namespace ?? "", lhs.name) < (rhs.group, rhs.kind, rhs.namespace ?? "", rhs.name)
    }
}
