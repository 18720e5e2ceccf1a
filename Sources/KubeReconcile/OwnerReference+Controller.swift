public import JSON
public import KubeClient

extension OwnerReference {
    /// The controller reference to `owner` (`controller: true`, `blockOwnerDeletion: true`):
    /// what every child the operator renders carries, so the garbage collector deletes it with
    /// its owner and owned-kind watches find the owner.
    /// - Throws: ``InvalidObjectError`` naming the missing field when the owner has no
    ///   `apiVersion`, `kind`, `metadata.name` or `metadata.uid` (an object not yet created).
    public static func controller(of owner: JSONValue) throws(InvalidObjectError) -> OwnerReference {
        let described = describe(owner)
        func required(_ path: String...) throws(InvalidObjectError) -> String {
            guard let value = owner[keyPath: path]?.stringValue, !value.isEmpty else {
                throw InvalidObjectError(object: described, field: path.joined(separator: "."),
                                         reason: "required to reference the object as an owner")
            }
            return value
        }
        return OwnerReference(apiVersion: try required("apiVersion"), kind: try required("kind"),
                              name: try required("metadata", "name"), uid: try required("metadata", "uid"),
                              controller: true, blockOwnerDeletion: true)
    }

    /// The controller reference to a typed owner.
    /// - Throws: ``InvalidObjectError`` when the owner has no name or uid.
    public static func controller<T: KubernetesResource>(of owner: T) throws(InvalidObjectError) -> OwnerReference {
        let resource = T.resource
        let described = "\(resource.kind) \(owner.metadata.namespace.map { "\($0)/" } ?? "")\(owner.metadata.name ?? "<unnamed>")"
        guard let name = owner.metadata.name, !name.isEmpty else {
            throw InvalidObjectError(object: described, field: "metadata.name", reason: "required to reference the object as an owner")
        }
        guard let uid = owner.metadata.uid, !uid.isEmpty else {
            throw InvalidObjectError(object: described, field: "metadata.uid", reason: "required to reference the object as an owner")
        }
        return OwnerReference(apiVersion: resource.apiVersion, kind: resource.kind, name: name, uid: uid,
                              controller: true, blockOwnerDeletion: true)
    }

    /// The reference as it goes into `metadata.ownerReferences`.
    public var json: JSONValue {
        var value: JSONValue = ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid)]
        if let controller { value["controller"] = .bool(controller) }
        if let blockOwnerDeletion { value["blockOwnerDeletion"] = .bool(blockOwnerDeletion) }
        return value
    }

    static func describe(_ object: JSONValue) -> String {
        let kind = object["kind"]?.stringValue ?? "object"
        let namespace = object[path: "metadata", "namespace"]?.stringValue.map { "\($0)/" } ?? ""
        return "\(kind) \(namespace)\(object[path: "metadata", "name"]?.stringValue ?? "<unnamed>")"
    }
}
