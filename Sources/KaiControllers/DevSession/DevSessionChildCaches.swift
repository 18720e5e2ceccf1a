public import JSON
public import KubeCache
public import KubeClient
import KaiAPI
import KubeWatch
public import Logging

/// The informers of the kinds a DevSession renders, narrowed to the operator's DevSession
/// children by label, plus every Namespace (a conflicting Namespace has no labels of ours,
/// and its disappearance must wake the DevSession that waits for it).
public struct DevSessionChildCaches: Sendable {
    public let namespaces: Informer<JSONValue>
    public let deployments: Informer<JSONValue>
    public let services: Informer<JSONValue>
    public let claims: Informer<JSONValue>
    public let ingresses: Informer<JSONValue>

    /// The label selector of the namespaced children's informers.
    public static let childSelector =
        "\(KaiGroup.Label.managedBy)=\(KaiGroup.fieldManager),\(KaiGroup.Label.name)=\(DevSessionRenderer.appName)"

    /// Informers on `client`; nothing runs until the manager (or a test) runs them.
    public init(client: KubeClient, clock: any Clock<Duration>, logger: Logger) throws {
        let children = WatcherConfiguration(labelSelector: Self.childSelector)
        namespaces = try Informer(client: client, resource: .namespaces, clock: clock, logger: logger)
        deployments = try Informer(client: client, resource: .deployments, watch: children, clock: clock, logger: logger)
        services = try Informer(client: client, resource: .services, watch: children, clock: clock, logger: logger)
        claims = try Informer(client: client, resource: .persistentVolumeClaims, watch: children, clock: clock, logger: logger)
        ingresses = try Informer(client: client, resource: .ingresses, watch: children, clock: clock, logger: logger)
    }

    /// The informers of the namespaced children.
    var namespaced: [Informer<JSONValue>] { [deployments, services, claims, ingresses] }

    /// The cached object of a rendered child's kind and name, if any.
    func live(kind: String, namespace: String?, name: String) -> JSONValue? {
        let informer: Informer<JSONValue>
        switch kind {
        case "Namespace": return namespaces.store.get(name: name)
        case "Deployment": informer = deployments
        case "Service": informer = services
        case "PersistentVolumeClaim": informer = claims
        case "Ingress": informer = ingresses
        default: return nil
        }
        return informer.store.get(name: name, namespace: namespace)
    }

    /// The cached namespaced children whose controller is the object with `uid`.
    func owned(by uid: String) -> [JSONValue] {
        namespaced.flatMap { (try? $0.store.list(index: .controllerUID, value: uid)) ?? [] }
    }
}
