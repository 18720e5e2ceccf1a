extension ResourceType {
    /// `v1` Namespace.
    public static let namespaces = ResourceType(group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    public static let secrets = ResourceType(group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    public static let configMaps = ResourceType(group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let services = ResourceType(group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)
    public static let persistentVolumeClaims = ResourceType(group: "", version: "v1", resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true)
    public static let pods = ResourceType(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    /// Core `v1` Event (what `kubectl describe` reads).
    public static let coreEvents = ResourceType(group: "", version: "v1", resource: "events", kind: "Event", namespaced: true)
    /// `events.k8s.io/v1` Event (what controllers write).
    public static let events = ResourceType(group: "events.k8s.io", version: "v1", resource: "events", kind: "Event", namespaced: true)
    public static let deployments = ResourceType(group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    public static let controllerRevisions = ResourceType(group: "apps", version: "v1", resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true)
    public static let ingresses = ResourceType(group: "networking.k8s.io", version: "v1", resource: "ingresses", kind: "Ingress", namespaced: true)
    public static let horizontalPodAutoscalers = ResourceType(group: "autoscaling", version: "v2", resource: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler", namespaced: true)
    public static let podDisruptionBudgets = ResourceType(group: "policy", version: "v1", resource: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true)
    public static let leases = ResourceType(group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)
    public static let customResourceDefinitions = ResourceType(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false)
    public static let selfSubjectReviews = ResourceType(group: "authentication.k8s.io", version: "v1", resource: "selfsubjectreviews", kind: "SelfSubjectReview", namespaced: false)
    public static let selfSubjectAccessReviews = ResourceType(group: "authorization.k8s.io", version: "v1", resource: "selfsubjectaccessreviews", kind: "SelfSubjectAccessReview", namespaced: false)

    /// The built-in kinds this project uses, for resolving `apiVersion`/`kind` without discovery.
    public static let builtins: [ResourceType] = [
        .namespaces, .secrets, .configMaps, .services, .persistentVolumeClaims, .pods, .coreEvents, .events,
        .deployments, .controllerRevisions, .ingresses, .horizontalPodAutoscalers, .podDisruptionBudgets,
        .leases, .customResourceDefinitions,
    ]

    /// A well-known built-in by apiVersion and kind.
    public static func builtin(apiVersion: String, kind: String) -> ResourceType? {
        builtins.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }
}
