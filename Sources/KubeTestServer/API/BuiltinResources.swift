/// The built-in resources this server serves: what the operator, kubectl and
/// the tests touch, plus the neighbours kubectl expects discovery to show.
/// Storage is generic; what differs per kind lives in `Builtins/`.
enum BuiltinResources {
    /// Group order as the real server lists it in `/apis`.
    static let groupOrder = [
        "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
        "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
        "storage.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io",
        "coordination.k8s.io", "node.k8s.io", "discovery.k8s.io",
    ]

    static let all: [ResourceType] = core + apps + others

    private static func make(
        _ group: String, _ version: String, _ resource: String, _ kind: String, namespaced: Bool = true,
        shortNames: [String] = [], categories: [String] = [], status: Bool = false, generation: Bool = false,
        verbs: [String] = ResourceType.standardVerbs, storage: GroupResource? = nil,
        fieldSelectors: [String] = [], extraSubresources: [SubresourceType] = [], virtual: Bool = false
    ) -> ResourceType {
        var subresources: [SubresourceType] = []
        if status { subresources.append(SubresourceType(name: "status", kind: kind, verbs: ["get", "patch", "update"])) }
        subresources += extraSubresources
        return ResourceType(
            group: group, version: version, resource: resource, singular: kind.lowercased(), kind: kind,
            listKind: kind + "List", namespaced: namespaced, shortNames: shortNames, categories: categories,
            verbs: verbs, subresources: subresources,
            storage: storage ?? GroupResource(group: group, resource: resource),
            hasGeneration: generation, fieldSelectors: fieldSelectors, virtual: virtual)
    }

    static let eventFieldSelectors = [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ]
    static let newEventFieldSelectors = [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
        "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type",
        "deprecatedSource",
    ]

    static let core: [ResourceType] = [
        make("", "v1", "configmaps", "ConfigMap", shortNames: ["cm"]),
        make("", "v1", "endpoints", "Endpoints", shortNames: ["ep"]),
        make("", "v1", "events", "Event", shortNames: ["ev"], fieldSelectors: eventFieldSelectors),
        make("", "v1", "limitranges", "LimitRange", shortNames: ["limits"]),
        make("", "v1", "namespaces", "Namespace", namespaced: false, shortNames: ["ns"], status: true,
             verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
             fieldSelectors: ["status.phase"],
             extraSubresources: [SubresourceType(name: "finalize", kind: "Namespace", verbs: ["update"])]),
        make("", "v1", "nodes", "Node", namespaced: false, shortNames: ["no"], status: true),
        make("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", shortNames: ["pvc"], status: true),
        make("", "v1", "persistentvolumes", "PersistentVolume", namespaced: false, shortNames: ["pv"], status: true),
        make("", "v1", "pods", "Pod", shortNames: ["po"], categories: ["all"], status: true,
             fieldSelectors: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                              "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"]),
        make("", "v1", "podtemplates", "PodTemplate"),
        make("", "v1", "replicationcontrollers", "ReplicationController", shortNames: ["rc"], categories: ["all"],
             status: true, generation: true),
        make("", "v1", "resourcequotas", "ResourceQuota", shortNames: ["quota"], status: true),
        make("", "v1", "secrets", "Secret", fieldSelectors: ["type"]),
        make("", "v1", "serviceaccounts", "ServiceAccount", shortNames: ["sa"],
             extraSubresources: [SubresourceType(name: "token", kind: "TokenRequest", verbs: ["create"],
                                                 group: "authentication.k8s.io", version: "v1")]),
        make("", "v1", "services", "Service", shortNames: ["svc"], categories: ["all"], status: true),
    ]

    static let apps: [ResourceType] = [
        make("apps", "v1", "controllerrevisions", "ControllerRevision"),
        make("apps", "v1", "daemonsets", "DaemonSet", shortNames: ["ds"], categories: ["all"], status: true, generation: true),
        make("apps", "v1", "deployments", "Deployment", shortNames: ["deploy"], categories: ["all"], status: true,
             generation: true,
             extraSubresources: [SubresourceType(name: "scale", kind: "Scale", verbs: ["get", "patch", "update"],
                                                 group: "autoscaling", version: "v1")]),
        make("apps", "v1", "replicasets", "ReplicaSet", shortNames: ["rs"], categories: ["all"], status: true, generation: true),
        make("apps", "v1", "statefulsets", "StatefulSet", shortNames: ["sts"], categories: ["all"], status: true, generation: true),
    ]

    static let others: [ResourceType] = [
        make("events.k8s.io", "v1", "events", "Event", shortNames: ["ev"],
             storage: GroupResource(group: "", resource: "events"), fieldSelectors: newEventFieldSelectors),
        make("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", namespaced: false,
             verbs: ["create"], virtual: true),
        make("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", namespaced: false, verbs: ["create"], virtual: true),
        make("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", namespaced: false,
             verbs: ["create"], virtual: true),
        make("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", namespaced: false,
             verbs: ["create"], virtual: true),
        make("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", namespaced: false,
             verbs: ["create"], virtual: true),
        make("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", shortNames: ["hpa"],
             categories: ["all"], status: true, generation: true),
        make("batch", "v1", "cronjobs", "CronJob", shortNames: ["cj"], categories: ["all"], status: true, generation: true),
        make("batch", "v1", "jobs", "Job", categories: ["all"], status: true, generation: true),
        make("networking.k8s.io", "v1", "ingressclasses", "IngressClass", namespaced: false),
        make("networking.k8s.io", "v1", "ingresses", "Ingress", shortNames: ["ing"], status: true, generation: true),
        make("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", shortNames: ["netpol"], generation: true),
        make("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", shortNames: ["pdb"], status: true, generation: true),
        make("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false),
        make("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false),
        make("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding"),
        make("rbac.authorization.k8s.io", "v1", "roles", "Role"),
        make("storage.k8s.io", "v1", "storageclasses", "StorageClass", namespaced: false, shortNames: ["sc"]),
        make("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false,
             shortNames: ["crd", "crds"], categories: ["api-extensions"], status: true, generation: true),
        make("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", namespaced: false, shortNames: ["pc"]),
        make("coordination.k8s.io", "v1", "leases", "Lease"),
        make("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice"),
    ]
}
