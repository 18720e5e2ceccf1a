import JSON
import KubeClient

/// A small custom resource for the tests (`demo.example.com/v1` widgets, as in the transcripts).
struct Widget: KubernetesResource, Equatable {
    static let resource = ResourceType(group: "demo.example.com", version: "v1", resource: "widgets", kind: "Widget", namespaced: true)
    var apiVersion = "demo.example.com/v1"
    var kind = "Widget"
    var metadata: ObjectMeta
    var spec: Spec?

    struct Spec: Codable, Sendable, Equatable {
        var size: Int
        var color: String?
    }

    init(_ name: String, namespace: String = "demo", rv: String, size: Int = 1, labels: [String: String]? = nil,
         owner: String? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        metadata.resourceVersion = rv
        metadata.uid = "uid-\(namespace)-\(name)"
        if let owner {
            metadata.ownerReferences = [OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: owner,
                                                       uid: "uid-\(owner)", controller: true)]
        }
        spec = Spec(size: size)
    }

    var name: String { metadata.name ?? "" }
    var tag: String { "\(name)@\(metadata.resourceVersion ?? "")" }
}
