public import JSON

/// A `PatchSchema` given as tables of paths: what `BuiltinSchemas` knows
/// about a built-in kind. Lists not in the tables are atomic, objects are
/// granular structs unless listed as atomic or free-form.
public struct KindSchema: PatchSchema, Sendable {
    /// Server-side apply list types by path.
    public var lists: [[String]: ListType] = [:]
    /// Strategic-merge-patch list types where they differ from `lists`.
    public var strategicLists: [[String]: ListType] = [:]
    /// Objects that are one value (`+mapType=atomic`, `+structType=atomic`).
    public var atomicMaps: Set<[String]> = []
    /// Objects whose keys are data, not declared fields (labels, ConfigMap data).
    public var freeFormMaps: Set<[String]> = []
    /// Defaults of list-map key fields, by list path then key.
    public var keyDefaults: [[String]: [String: JSONValue]] = [:]
    /// What a new, empty instance of the kind serializes to.
    public var skeleton: JSONValue = .emptyObject

    public init() {}

    public func listType(at path: [String]) -> ListType { lists[path] ?? .atomic }
    public func strategicListType(at path: [String]) -> ListType { strategicLists[path] ?? lists[path] ?? .atomic }
    public func isAtomicMap(at path: [String]) -> Bool { atomicMaps.contains(path) }
    public func isDeclaredField(at path: [String]) -> Bool {
        path.isEmpty || !freeFormMaps.contains(Array(path.dropLast()))
    }
    public func defaultListMapKeyValue(at path: [String], key: String) -> JSONValue? { keyDefaults[path]?[key] }
    public func emptyObject() -> JSONValue { skeleton }
}

extension KindSchema {
    /// `ObjectMeta` at `prefix`: finalizers a set, owner references keyed
    /// by uid (each an atomic struct, owned as `k:{"uid":...}` alone),
    /// labels and annotations free-form.
    mutating func objectMeta(at prefix: [String]) {
        lists[prefix + ["finalizers"]] = .set
        lists[prefix + ["ownerReferences"]] = .map(keys: ["uid"])
        atomicMaps.insert(prefix + ["ownerReferences"])
        freeFormMaps.insert(prefix + ["labels"])
        freeFormMaps.insert(prefix + ["annotations"])
    }

    /// A `conditions` list keyed by `type`.
    mutating func conditions(at path: [String]) {
        lists[path] = .map(keys: ["type"])
    }

    /// A `PodTemplateSpec` at `prefix`.
    mutating func podTemplate(at prefix: [String]) {
        objectMeta(at: prefix + ["metadata"])
        podSpec(at: prefix + ["spec"])
    }

    /// A `PodSpec` at `prefix`.
    mutating func podSpec(at prefix: [String]) {
        for name in ["containers", "initContainers", "ephemeralContainers"] {
            lists[prefix + [name]] = .map(keys: ["name"])
            container(at: prefix + [name])
        }
        lists[prefix + ["volumes"]] = .map(keys: ["name"])
        lists[prefix + ["imagePullSecrets"]] = .map(keys: ["name"])
        // LocalObjectReference and NodeSelector are `+structType=atomic`.
        atomicMaps.insert(prefix + ["imagePullSecrets"])
        atomicMaps.insert(prefix + ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"])
        atomicMaps.insert(prefix + ["volumes", "csi", "nodePublishSecretRef"])
        lists[prefix + ["hostAliases"]] = .map(keys: ["ip"])
        lists[prefix + ["topologySpreadConstraints"]] = .map(keys: ["topologyKey", "whenUnsatisfiable"])
        lists[prefix + ["schedulingGates"]] = .map(keys: ["name"])
        lists[prefix + ["resourceClaims"]] = .map(keys: ["name"])
        atomicMaps.insert(prefix + ["nodeSelector"])
        freeFormMaps.insert(prefix + ["overhead"])
    }

    /// A `Container` at `prefix`.
    mutating func container(at prefix: [String]) {
        lists[prefix + ["ports"]] = .map(keys: ["containerPort", "protocol"])
        strategicLists[prefix + ["ports"]] = .map(keys: ["containerPort"])
        keyDefaults[prefix + ["ports"]] = ["protocol": "TCP"]
        lists[prefix + ["env"]] = .map(keys: ["name"])
        // The key and field selectors of an env var's valueFrom are `+structType=atomic`.
        for selector in ["configMapKeyRef", "secretKeyRef", "fieldRef", "resourceFieldRef"] {
            atomicMaps.insert(prefix + ["env", "valueFrom", selector])
        }
        lists[prefix + ["volumeMounts"]] = .map(keys: ["mountPath"])
        lists[prefix + ["volumeDevices"]] = .map(keys: ["devicePath"])
        lists[prefix + ["resources", "claims"]] = .map(keys: ["name"])
        freeFormMaps.insert(prefix + ["resources", "limits"])
        freeFormMaps.insert(prefix + ["resources", "requests"])
    }

    /// A `metav1.LabelSelector` (an atomic struct) at `path`.
    mutating func labelSelector(at path: [String]) {
        atomicMaps.insert(path)
    }

    /// A `+structType=atomic` reference (`ObjectReference`, `RoleRef`,
    /// `TypedLocalObjectReference`, ...) at `path`: owned as one value.
    mutating func atomicReference(at path: [String]) {
        atomicMaps.insert(path)
    }
}
