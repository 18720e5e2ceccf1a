import Foundation
import JSON
import Logging

/// Identifies an object within one storage; ordered like etcd keys (namespace, then name).
struct ObjectKey: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        a.namespace == b.namespace ? a.name < b.name : a.namespace < b.namespace
    }
}

enum WatchEventType: String, Sendable {
    case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
}

/// One recorded change, kept for watch resumption and historical lists.
struct HistoryEntry: Sendable {
    var rv: Int64
    var type: WatchEventType
    var key: ObjectKey
    var object: JSONValue
    /// The object before the change (nil for ADDED).
    var previous: JSONValue?
}

/// What a watch stream carries before it is rendered for the client.
enum WatchItem: Sendable {
    case event(WatchEventType, JSONValue)
    case bookmark(rv: Int64, initialEventsEnd: Bool)
    case error(JSONValue)
}

/// Settings the cluster state needs from the server's options.
struct ClusterConfig: Sendable {
    var now: @Sendable () -> Date
    var clock: any Clock<Duration>
    var logger: Logger
    var historyLimit: Int
    var bookmarkInterval: Duration
    var simulation: WorkloadSimulation?
    /// The CA the server's certificate chains to, published as `kube-root-ca.crt` (nil: plain HTTP).
    var rootCAPEM: String? = nil
}

/// All objects of the test API server, one global resourceVersion counter,
/// per-resource change history and the open watches. Every API operation
/// runs inside this actor, so each one is atomic like an etcd transaction.
actor Cluster {
    let config: ClusterConfig
    var resourceVersion: Int64 = 1
    var objects: [GroupResource: [ObjectKey: JSONValue]] = [:]
    /// Whether the garbage collector / finalizer pass may have work: set by writes that can
    /// start or advance a deletion (a removal, a deletionTimestamp, an ownerReference). Without
    /// it every write walked every object, making N creates cost O(N²).
    var controllersDirty = true
    var history: [GroupResource: [HistoryEntry]] = [:]
    /// Per storage, the newest RV that can no longer be resumed from (compacted).
    var compactedRV: [GroupResource: Int64] = [:]
    /// Per storage, its keys in etcd order as of some resourceVersion, so that paging through
    /// a large LIST does not sort every object again for each page (see Cluster+List).
    var listIndexes: [GroupResource: ListKeyIndex] = [:]
    var registry = ResourceRegistry()
    var watchers: [Int: Watcher] = [:]
    var nextWatcherID = 0
    var allocatedServiceIPs: Set<UInt32> = []
    var access: AccessConfig
    /// Delayed simulation steps that are still pending (cancelled on shutdown).
    var simulationTasks: [Int: Task<Void, Never>] = [:]
    var nextTaskID = 0
    /// The apiserver identity Lease of the current run (nil while stopped), its last renewal on
    /// the server's clock and the task renewing it on a real-time clock (Cluster+APIServerIdentityLease).
    var identityLease: APIServerIdentityLease?
    var identityLeaseRenewedAt: (any InstantProtocol<Duration>)?
    var identityLeaseTask: Task<Void, Never>?

    init(config: ClusterConfig, access: AccessConfig) {
        self.config = config
        self.access = access
        // The namespaces every cluster starts with (written directly: an actor's init cannot call its methods).
        let created = Timestamps.time(config.now())
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            resourceVersion += 1
            let namespace: JSONValue = [
                "kind": "Namespace", "apiVersion": "v1",
                "metadata": ["name": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                             "resourceVersion": .string(String(resourceVersion)), "creationTimestamp": .string(created),
                             "labels": ["kubernetes.io/metadata.name": .string(name)]],
                "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"],
            ]
            objects[Self.namespaceType.storage, default: [:]][ObjectKey(namespace: "", name: name)] = namespace
            // What kube-controller-manager publishes into each of them (see NamespaceDefaultsController).
            for (storage, key, object) in NamespaceDefaultsController(caPEM: config.rootCAPEM).desired(namespace: name) {
                resourceVersion += 1
                var stored = NamespaceDefaultsController.created(object, uid: UUID().uuidString.lowercased(), timestamp: created)
                stored[path: "metadata", "resourceVersion"] = .string(String(resourceVersion))
                objects[storage, default: [:]][key] = stored
            }
        }
    }

    static let namespaceType = BuiltinResources.core.first { $0.resource == "namespaces" }!

    // MARK: - Low-level storage

    func object(_ storage: GroupResource, _ key: ObjectKey) -> JSONValue? { objects[storage]?[key] }

    func now() -> Date { config.now() }
    func timestamp() -> String { Timestamps.time(config.now()) }

    /// Stores `object` under a new resourceVersion, records history and notifies watchers.
    @discardableResult
    func persist(_ storage: GroupResource, _ key: ObjectKey, _ object: JSONValue) -> JSONValue {
        resourceVersion += 1
        var stored = object
        stored[path: "metadata", "resourceVersion"] = .string(String(resourceVersion))
        let previous = objects[storage]?[key]
        objects[storage, default: [:]][key] = stored
        if stored[path: "metadata", "deletionTimestamp"] != nil
            || stored[path: "metadata", "ownerReferences"] != previous?[path: "metadata", "ownerReferences"] {
            controllersDirty = true
        }
        record(storage, HistoryEntry(rv: resourceVersion, type: previous == nil ? .added : .modified, key: key,
                                     object: stored, previous: previous))
        return stored
    }

    /// Removes an object; the DELETED event carries the deletion's resourceVersion.
    @discardableResult
    func removeObject(_ storage: GroupResource, _ key: ObjectKey) -> JSONValue? {
        guard let previous = objects[storage]?[key] else { return nil }
        resourceVersion += 1
        var last = previous
        last[path: "metadata", "resourceVersion"] = .string(String(resourceVersion))
        objects[storage]?[key] = nil
        controllersDirty = true
        record(storage, HistoryEntry(rv: resourceVersion, type: .deleted, key: key, object: last, previous: previous))
        return last
    }

    private func record(_ storage: GroupResource, _ entry: HistoryEntry) {
        if compactedRV[storage] == nil { compactedRV[storage] = 1 }
        history[storage, default: []].append(entry)
        if let count = history[storage]?.count, count > config.historyLimit {
            let drop = count - config.historyLimit
            if let last = history[storage]?[drop - 1].rv { compactedRV[storage] = last }
            history[storage]?.removeFirst(drop)
        }
        dispatch(storage, entry)
    }

    /// Drops every recorded change so that older resourceVersions and continue tokens expire.
    func compactHistory() {
        for storage in Set(history.keys).union(objects.keys) {
            history[storage] = []
            compactedRV[storage] = resourceVersion
        }
        config.logger.info("history compacted at resourceVersion \(resourceVersion)")
    }

    /// The objects of a storage as they were at `rv` (nil when that is compacted away).
    func snapshot(_ storage: GroupResource, at rv: Int64) -> [ObjectKey: JSONValue]? {
        if rv >= resourceVersion { return objects[storage] ?? [:] }
        if rv < (compactedRV[storage] ?? 1) { return nil }
        var state = objects[storage] ?? [:]
        for entry in (history[storage] ?? []).reversed() where entry.rv > rv {
            state[entry.key] = entry.previous
        }
        return state
    }

    // MARK: - Helpers

    func newUID() -> String { UUID().uuidString.lowercased() }

    /// Resolves the served type by group/version/resource.
    func resolve(group: String, version: String, resource: String) -> ResourceType? {
        registry.find(group: group, version: version, resource: resource)
    }

    func currentRegistry() -> ResourceRegistry { registry }
    func currentResourceVersion() -> Int64 { resourceVersion }
}
