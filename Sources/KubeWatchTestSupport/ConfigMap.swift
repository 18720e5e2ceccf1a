public import KubeClient

/// A ConfigMap: a built-in kind the test API server serves without a CRD.
public struct ConfigMap: KubernetesResource, Equatable {
    public static let resource = ResourceType.configMaps
    public var apiVersion = "v1"
    public var kind = "ConfigMap"
    public var metadata: ObjectMeta
    public var data: [String: String]?

    public init(_ name: String, namespace: String = "default", data: [String: String] = [:], labels: [String: String]? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        self.data = data
    }

    /// The object's name, or "" when unnamed.
    public var name: String { metadata.name ?? "" }
}

extension ConfigMap {
    /// A field selector that leaves out the `kube-root-ca.crt` ConfigMap, which the test server (as
    /// a real cluster) publishes in every namespace: tests that count what they created use it.
    public static let withoutRootCA = "metadata.name!=kube-root-ca.crt"
}
