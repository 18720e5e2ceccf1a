import JSON

extension Cluster {
    private static let pods = GroupResource(group: "", resource: "pods")
    private static let nodes = GroupResource(group: "", resource: "nodes")
    private static let secrets = GroupResource(group: "", resource: "secrets")

    /// The claims of a new token for a ServiceAccount in `namespace`, bound to `boundObjectRef`
    /// (a TokenRequest's `spec.boundObjectRef`, or nil). Like the real TokenRequest REST storage
    /// the bound Pod, Node or Secret must exist (404 otherwise); a Pod contributes its name and
    /// uid, and — when it is scheduled — its node's name and (if the Node exists) uid.
    func serviceAccountTokenClaims(namespace: String, boundObjectRef: JSONValue?) throws(APIError) -> ServiceAccountTokenClaims {
        var claims = ServiceAccountTokenClaims(jti: newUID())
        guard let ref = boundObjectRef, ref.objectValue != nil else { return claims }
        let name = ref["name"]?.stringValue ?? ""
        switch ref["kind"]?.stringValue {
        case "Pod":
            let pod = try boundObject(Self.pods, namespace: namespace, name: name)
            claims.podName = name
            claims.podUID = pod[path: "metadata", "uid"]?.stringValue ?? ""
            if let nodeName = pod[path: "spec", "nodeName"]?.stringValue, !nodeName.isEmpty {
                claims.nodeName = nodeName
                claims.nodeUID = objects[Self.nodes]?[ObjectKey(namespace: "", name: nodeName)]?[path: "metadata", "uid"]?.stringValue ?? ""
            }
        case "Node":
            let node = try boundObject(Self.nodes, namespace: "", name: name)
            claims.nodeName = name
            claims.nodeUID = node[path: "metadata", "uid"]?.stringValue ?? ""
        case "Secret":
            // A Secret-bound token only gets the secret into its claims, nothing into `extra`.
            _ = try boundObject(Self.secrets, namespace: namespace, name: name)
        default:
            break
        }
        return claims
    }

    private func boundObject(_ storage: GroupResource, namespace: String, name: String) throws(APIError) -> JSONValue {
        if let object = objects[storage]?[ObjectKey(namespace: namespace, name: name)] { return object }
        guard let type = registry.primaryType(for: storage) else { throw APIError.resourceNotFound }
        throw APIError.notFound(type, name: name)
    }
}
