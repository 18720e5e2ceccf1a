import Foundation
import JSON

/// What two kube-controller-manager controllers keep in every active namespace, and that
/// kubectl users rely on: the serviceaccounts controller's ServiceAccount `default` (pods
/// without `serviceAccountName`, `kubectl create token default`) and the
/// root-ca-cert-publisher's ConfigMap `kube-root-ca.crt` (the CA that verifies the API server).
///
/// This type decides *what* the objects look like; `Cluster+NamespaceDefaultsController`
/// decides *when* they are written.
struct NamespaceDefaultsController: Sendable {
    static let serviceAccountName = "default"
    static let rootCAConfigMapName = "kube-root-ca.crt"
    static let rootCAKey = "ca.crt"
    static let descriptionAnnotation = "kubernetes.io/description"
    /// The publisher's text (pkg/controller/certificates/rootcacertpublisher), as the recordings show it.
    static let description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints "
        + "such as the internal service IP or kubernetes.default.svc. "
        + "No other usage is guaranteed across distributions of Kubernetes clusters."
    /// The field manager kube-controller-manager's writes are recorded under (its User-Agent prefix).
    static let manager = "kube-controller-manager"

    static let serviceAccounts = GroupResource(group: "", resource: "serviceaccounts")
    static let configMaps = GroupResource(group: "", resource: "configmaps")

    /// The published `ca.crt`: the server's CA PEM, empty when it serves plain HTTP (like a
    /// controller-manager whose kubeconfig carries no CA data).
    var caData: String

    init(caPEM: String?) {
        caData = caPEM ?? ""
    }

    /// Whether a change to the object at `key` of `storage` may need the controllers to act.
    static func concerns(_ storage: GroupResource, _ key: ObjectKey) -> Bool {
        switch storage {
        case serviceAccounts: return key.name == serviceAccountName
        case configMaps: return key.name == rootCAConfigMapName
        default: return false
        }
    }

    /// Both controllers leave namespaces alone unless they are Active (not terminating).
    static func isActive(namespace: JSONValue) -> Bool {
        namespace[path: "metadata", "deletionTimestamp"] == nil
            && (namespace[path: "status", "phase"]?.stringValue ?? "Active") == "Active"
    }

    /// The ServiceAccount the controller creates: nothing but its name.
    func serviceAccount(namespace: String) -> JSONValue {
        ["kind": "ServiceAccount", "apiVersion": "v1",
         "metadata": ["name": .string(Self.serviceAccountName), "namespace": .string(namespace)]]
    }

    /// The ConfigMap the publisher creates.
    func rootCAConfigMap(namespace: String) -> JSONValue {
        ["kind": "ConfigMap", "apiVersion": "v1",
         "metadata": ["name": .string(Self.rootCAConfigMapName), "namespace": .string(namespace),
                      "annotations": [Self.descriptionAnnotation: .string(Self.description)]],
         "data": [Self.rootCAKey: .string(caData)]]
    }

    /// The publisher's repair of an edited ConfigMap, or nil when it is in sync. Like the real one
    /// it replaces `data` as a whole and sets only its annotation (any non-empty description is
    /// accepted); labels, other annotations and `binaryData` stay.
    func repaired(_ configMap: JSONValue) -> JSONValue? {
        let wanted: JSONValue = [Self.rootCAKey: .string(caData)]
        let description = configMap[path: "metadata", "annotations", Self.descriptionAnnotation]?.stringValue ?? ""
        if configMap["data"] == wanted && !description.isEmpty { return nil }
        var fixed = configMap
        fixed["data"] = wanted
        if fixed[path: "metadata", "annotations"]?.objectValue == nil { fixed[path: "metadata", "annotations"] = [:] }
        fixed[path: "metadata", "annotations", Self.descriptionAnnotation] = .string(Self.description)
        return fixed
    }

    /// `object` as a create by the controller stores it: server-set metadata, the controller's
    /// managedFields entry (none for the ServiceAccount, whose only field is its name), Go field order.
    /// Static so that the cluster's initializer can seed its built-in namespaces with it.
    static func created(_ object: JSONValue, uid: String, timestamp: String) -> JSONValue {
        var stored = object
        stored[path: "metadata", "uid"] = .string(uid)
        stored[path: "metadata", "creationTimestamp"] = .string(timestamp)
        stored = Patching.recordUpdate(old: nil, new: stored, manager: manager, subresource: nil,
                                       schema: schema(of: object), now: timestamp)
        return Ordering.builtin(stored)
    }

    /// The controller's Update of an existing object, with its managedFields bookkeeping.
    static func updated(old: JSONValue, new: JSONValue, timestamp: String) -> JSONValue {
        Ordering.builtin(Patching.recordUpdate(old: old, new: new, manager: manager, subresource: nil,
                                               schema: schema(of: new), now: timestamp))
    }

    private static func schema(of object: JSONValue) -> Patching.SchemaSource {
        .builtin(apiVersion: object["apiVersion"]?.stringValue ?? "v1", kind: object["kind"]?.stringValue ?? "")
    }

    /// The objects one namespace should hold, each with its storage and key.
    func desired(namespace: String) -> [(storage: GroupResource, key: ObjectKey, object: JSONValue)] {
        [(Self.serviceAccounts, ObjectKey(namespace: namespace, name: Self.serviceAccountName), serviceAccount(namespace: namespace)),
         (Self.configMaps, ObjectKey(namespace: namespace, name: Self.rootCAConfigMapName), rootCAConfigMap(namespace: namespace))]
    }
}
