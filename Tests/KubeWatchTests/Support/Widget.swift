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
    }

    init(_ name: String, namespace: String = "demo", rv: String, size: Int = 1, labels: [String: String]? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        metadata.resourceVersion = rv
        spec = Spec(size: size)
    }

    var name: String { metadata.name ?? "" }
}
