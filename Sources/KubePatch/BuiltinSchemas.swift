import JSON

/// Patch schemas of the built-in kinds the project uses, transcribed from
/// the Kubernetes API types (`+listType`, `+listMapKey`, `+patchMergeKey`,
/// `+mapType`, `+structType`).
///
/// Every kind gets the `ObjectMeta` rules (finalizers a set, owner
/// references keyed by uid, labels and annotations free-form) and
/// `status.conditions` keyed by `type`. Kinds not listed here get only
/// those: other lists are atomic and objects granular, the
/// structured-merge-diff default for types it does not know.
public struct BuiltinSchemas {
    /// The schema of `kind` in `apiVersion` (`apps/v1`, `Deployment`).
    public static func schema(apiVersion: String, kind: String) -> any PatchSchema {
        kindSchema(apiVersion: apiVersion, kind: kind)
    }

    /// The same, as the concrete table.
    public static func kindSchema(apiVersion: String, kind: String) -> KindSchema {
        var s = KindSchema()
        s.objectMeta(at: ["metadata"])
        s.conditions(at: ["status", "conditions"])
        let podTemplateSkeleton: JSONValue = ["metadata": .emptyObject, "spec": ["containers": .null]]
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        switch (group, kind) {
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"):
            s.podTemplate(at: ["spec", "template"])
            s.labelSelector(at: ["spec", "selector"])
            var spec: JSONValue = ["selector": .null, "template": podTemplateSkeleton]
            switch kind {
            case "Deployment": spec["strategy"] = .emptyObject
            case "StatefulSet", "DaemonSet": spec["updateStrategy"] = .emptyObject
            default: break
            }
            s.skeleton = ["spec": spec, "status": .emptyObject]
        case ("", "Pod"):
            s.podSpec(at: ["spec"])
            s.lists[["status", "podIPs"]] = .map(keys: ["ip"])
            s.lists[["status", "hostIPs"]] = .map(keys: ["ip"])
            s.skeleton = ["spec": ["containers": .null], "status": .emptyObject]
        case ("", "PodTemplate"):
            s.podTemplate(at: ["template"])
            s.skeleton = ["template": podTemplateSkeleton]
        case ("batch", "Job"):
            s.podTemplate(at: ["spec", "template"])
            s.labelSelector(at: ["spec", "selector"])
            // Job conditions are atomic for apply but merged by type in strategic merge patches.
            s.lists[["status", "conditions"]] = .atomic
            s.strategicLists[["status", "conditions"]] = .map(keys: ["type"])
            s.skeleton = ["spec": ["template": podTemplateSkeleton], "status": .emptyObject]
        case ("batch", "CronJob"):
            s.objectMeta(at: ["spec", "jobTemplate", "metadata"])
            s.podTemplate(at: ["spec", "jobTemplate", "spec", "template"])
            s.labelSelector(at: ["spec", "jobTemplate", "spec", "selector"])
            s.skeleton = ["spec": ["jobTemplate": ["metadata": .emptyObject, "spec": ["template": podTemplateSkeleton]]],
                          "status": .emptyObject]
        case ("", "Service"):
            s.lists[["spec", "ports"]] = .map(keys: ["port", "protocol"])
            s.strategicLists[["spec", "ports"]] = .map(keys: ["port"])
            s.keyDefaults[["spec", "ports"]] = ["protocol": "TCP"]
            s.atomicMaps.insert(["spec", "selector"])
            s.skeleton = ["spec": .emptyObject, "status": ["loadBalancer": .emptyObject]]
        case ("networking.k8s.io", "Ingress"):
            s.atomicReference(at: ["spec", "defaultBackend", "resource"])
            s.skeleton = ["spec": .emptyObject, "status": ["loadBalancer": .emptyObject]]
        case ("", "ConfigMap"):
            s.freeFormMaps.insert(["data"])
            s.freeFormMaps.insert(["binaryData"])
        case ("", "Secret"):
            s.freeFormMaps.insert(["data"])
            s.freeFormMaps.insert(["stringData"])
        case ("", "Namespace"):
            s.skeleton = ["spec": .emptyObject, "status": .emptyObject]
        case ("coordination.k8s.io", "Lease"):
            s.skeleton = ["spec": .emptyObject]
        case ("", "Event"):
            s.atomicReference(at: ["involvedObject"])
            s.atomicReference(at: ["related"])
            // The fields a new core/v1 Event serializes without omitempty.
            s.skeleton = ["involvedObject": .emptyObject, "source": .emptyObject, "firstTimestamp": .null,
                          "lastTimestamp": .null, "eventTime": .null, "reportingComponent": "", "reportingInstance": ""]
        case ("events.k8s.io", "Event"):
            s.atomicReference(at: ["regarding"])
            s.atomicReference(at: ["related"])
            s.skeleton = ["eventTime": .null, "regarding": .emptyObject, "deprecatedSource": .emptyObject,
                          "deprecatedFirstTimestamp": .null, "deprecatedLastTimestamp": .null]
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            s.atomicReference(at: ["roleRef"])
        case ("authorization.k8s.io", "SelfSubjectAccessReview"), ("authorization.k8s.io", "SubjectAccessReview"),
             ("authorization.k8s.io", "LocalSubjectAccessReview"), ("authorization.k8s.io", "SelfSubjectRulesReview"),
             ("authentication.k8s.io", "TokenReview"), ("authentication.k8s.io", "SelfSubjectReview"):
            // `spec` is a struct, not a pointer: a new review already has `spec: {}`.
            s.skeleton = ["spec": .emptyObject]
        case ("", "PersistentVolumeClaim"):
            s.labelSelector(at: ["spec", "selector"])
            s.atomicReference(at: ["spec", "dataSource"])
            s.skeleton = ["spec": .emptyObject, "status": .emptyObject]
        case ("networking.k8s.io", "NetworkPolicy"):
            s.labelSelector(at: ["spec", "podSelector"])
            s.skeleton = ["spec": ["podSelector": .emptyObject]]
        case ("autoscaling", "HorizontalPodAutoscaler"):
            s.skeleton = ["spec": ["scaleTargetRef": .emptyObject], "status": .emptyObject]
        case ("policy", "PodDisruptionBudget"):
            s.labelSelector(at: ["spec", "selector"])
            s.freeFormMaps.insert(["status", "disruptedPods"])
            s.skeleton = ["spec": .emptyObject, "status": .emptyObject]
        case ("apps", "ControllerRevision"):
            // runtime.RawExtension: one opaque value.
            s.atomicMaps.insert(["data"])
        case ("apiextensions.k8s.io", "CustomResourceDefinition"):
            s.skeleton = ["spec": ["names": .emptyObject, "versions": .null],
                          "status": ["acceptedNames": .emptyObject, "conditions": .null, "storedVersions": .null]]
        case ("", "ServiceAccount"):
            s.lists[["secrets"]] = .map(keys: ["name"])
            s.atomicReference(at: ["secrets"])
        default:
            break
        }
        return s
    }
}
