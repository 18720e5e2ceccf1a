public import KubeClient
import Synchronization

/// The objects an ``Informer`` has seen, by key (`namespace/name`, or `name` for cluster-scoped
/// objects), with secondary indexes.
///
/// Reads take a `Mutex` for a moment and copy out values (copy-on-write, so cheap): many
/// reconcile workers read at once without an actor hop. Only the informer writes.
///
/// - Important: Objects are the decoded Swift values, never raw JSON next to them.
///   Lists are sorted by key, so results do not depend on hashing.
public final class Store<Object: Sendable>: Sendable {
    /// Computes the values under which an object is indexed (none: not in the index).
    public typealias IndexFunction = @Sendable (Object) -> [String]

    /// A cached object with what the selectors and indexes need.
    ///
    /// A class, so that the entries dictionary holds one reference per bucket rather than the
    /// object inline: a decoded object is often several hundred bytes and a dictionary has up to
    /// 2.7 buckets per entry (50 000 objects of 536 bytes made 71 MiB of buckets; boxed, that
    /// cache is 45 MiB smaller, see docs/benchmarks.md).
    final class Entry: Sendable {
        let object: Object
        let labels: [String: String]
        /// The values of every index for this object, to undo them on update or removal; one
        /// flat array (no allocation when empty), cheaper than a dictionary per object.
        let indexValues: [IndexedValue]

        init(object: Object, labels: [String: String], indexValues: [IndexedValue]) {
            self.object = object
            self.labels = labels
            self.indexValues = indexValues
        }
    }

    /// One value under which an entry is indexed.
    struct IndexedValue: Sendable {
        var index: IndexName
        var value: String
    }

    struct State {
        var entries: [String: Entry] = [:]
        var indices: [IndexName: [String: Set<String>]] = [:]
    }

    private let state = Mutex(State())
    private let indexers: [IndexName: IndexFunction]
    let metadata: @Sendable (Object) -> ObjectMeta

    /// An empty store.
    /// - Parameters:
    ///   - metadata: reads an object's metadata (for keys, labels and the built-in indexes).
    ///   - indexers: user-defined indexes, in addition to ``IndexName/namespace`` and
    ///     ``IndexName/controllerUID``.
    public init(metadata: @escaping @Sendable (Object) -> ObjectMeta, indexers: [IndexName: IndexFunction] = [:]) {
        self.metadata = metadata
        var all = indexers
        all[.namespace] = { [metadata] in [metadata($0).namespace ?? ""] }
        all[.controllerUID] = { [metadata] in metadata($0).controllerReference.map { [$0.uid] } ?? [] }
        self.indexers = all
    }

    /// The key of an object: `namespace/name`, or `name` without a namespace.
    public static func key(namespace: String?, name: String) -> String {
        guard let namespace, !namespace.isEmpty else { return name }
        return "\(namespace)/\(name)"
    }

    /// The key of an object in this store.
    public func key(of object: Object) -> String {
        let meta = metadata(object)
        return Self.key(namespace: meta.namespace, name: meta.name ?? "")
    }

    // MARK: - Reads

    /// The object with this key (`namespace/name` or `name`).
    public func get(_ key: String) -> Object? {
        state.withLock { $0.entries[key]?.object }
    }

    /// The object with this name in this namespace (nil for cluster-scoped objects).
    public func get(name: String, namespace: String? = nil) -> Object? {
        get(Self.key(namespace: namespace, name: name))
    }

    /// How many objects are cached.
    public var count: Int { state.withLock { $0.entries.count } }

    /// Every key, sorted.
    public var keys: [String] { state.withLock { $0.entries.keys.sorted() } }

    /// Objects, sorted by key, optionally only those in `namespace` and matching `selector`.
    public func list(namespace: String? = nil, selector: LabelSelector = .everything) -> [Object] {
        state.withLock { state in
            let keys: [String]
            if let namespace {
                keys = Array(state.indices[.namespace]?[namespace] ?? [])
            } else {
                keys = Array(state.entries.keys)
            }
            return keys.sorted().compactMap { key in
                guard let entry = state.entries[key], selector.isEmpty || selector.matches(entry.labels) else { return nil }
                return entry.object
            }
        }
    }

    /// Objects matching a label selector in query syntax (`env in (prod),!canary`).
    /// - Throws: ``LabelSelectorError`` naming the position of a syntax error.
    public func list(namespace: String? = nil, labelSelector: String) throws(LabelSelectorError) -> [Object] {
        list(namespace: namespace, selector: try LabelSelector(parsing: labelSelector))
    }

    /// Objects indexed under `value` in `index`, sorted by key.
    /// - Throws: ``StoreError/unknownIndex(_:known:)`` for an index that was not configured.
    public func list(index: IndexName, value: String) throws(StoreError) -> [Object] {
        try checkIndex(index)
        return state.withLock { state in
            (state.indices[index]?[value] ?? []).sorted().compactMap { state.entries[$0]?.object }
        }
    }

    /// Keys indexed under `value` in `index`, sorted.
    public func keys(index: IndexName, value: String) throws(StoreError) -> [String] {
        try checkIndex(index)
        return state.withLock { ($0.indices[index]?[value] ?? []).sorted() }
    }

    /// The values present in `index`, sorted.
    public func values(index: IndexName) throws(StoreError) -> [String] {
        try checkIndex(index)
        return state.withLock { ($0.indices[index] ?? [:]).keys.sorted() }
    }

    /// The configured indexes, including the built-in ones.
    public var indexNames: [IndexName] { indexers.keys.sorted { $0.rawValue < $1.rawValue } }

    private func checkIndex(_ index: IndexName) throws(StoreError) {
        guard indexers[index] != nil else { throw .unknownIndex(index, known: indexNames) }
    }

    // MARK: - Writes (the informer's)

    /// Inserts or replaces an object; returns the previous one.
    @discardableResult
    func upsert(_ object: Object) -> Object? {
        let (key, entry) = makeEntry(object)
        return state.withLock { state in
            let old = state.entries[key]
            if let old { Self.unindex(key, old, in: &state) }
            Self.index(key, entry, in: &state)
            state.entries[key] = entry
            return old?.object
        }
    }

    /// Removes the object with `key`; returns it.
    @discardableResult
    func remove(_ key: String) -> Object? {
        state.withLock { state in
            guard let old = state.entries.removeValue(forKey: key) else { return nil }
            Self.unindex(key, old, in: &state)
            return old.object
        }
    }

    /// What a wholesale replacement changed.
    struct Replacement {
        var added: [Object] = []
        var updated: [(old: Object, new: Object)] = []
        var unchanged = 0
        var deleted: [Object] = []
    }

    /// Replaces every object at once (after a list): readers see the old or the new contents,
    /// never a mix. An object counts as updated when its resourceVersion changed.
    func replace(with objects: [Object]) -> Replacement {
        var fresh = State()
        var order: [String] = []
        for object in objects {
            let (key, entry) = makeEntry(object)
            if let previous = fresh.entries[key] { Self.unindex(key, previous, in: &fresh) } else { order.append(key) }
            Self.index(key, entry, in: &fresh)
            fresh.entries[key] = entry
        }
        let old = state.withLock { state in
            let old = state.entries
            state = fresh
            return old
        }
        var result = Replacement()
        for key in order {
            guard let new = fresh.entries[key]?.object else { continue }
            if let previous = old[key]?.object {
                if metadata(previous).resourceVersion == metadata(new).resourceVersion {
                    result.unchanged += 1
                } else {
                    result.updated.append((previous, new))
                }
            } else {
                result.added.append(new)
            }
        }
        for key in old.keys.sorted() where fresh.entries[key] == nil {
            if let object = old[key]?.object { result.deleted.append(object) }
        }
        return result
    }

    private func makeEntry(_ object: Object) -> (String, Entry) {
        let meta = metadata(object)
        let key = Self.key(namespace: meta.namespace, name: meta.name ?? "")
        var values: [IndexedValue] = []
        for (name, function) in indexers {
            for value in function(object) { values.append(IndexedValue(index: name, value: value)) }
        }
        return (key, Entry(object: object, labels: meta.labels ?? [:], indexValues: values))
    }

    private static func index(_ key: String, _ entry: Entry, in state: inout State) {
        for item in entry.indexValues {
            state.indices[item.index, default: [:]][item.value, default: []].insert(key)
        }
    }

    private static func unindex(_ key: String, _ entry: Entry, in state: inout State) {
        for item in entry.indexValues {
            state.indices[item.index]?[item.value]?.remove(key)
            if state.indices[item.index]?[item.value]?.isEmpty == true { state.indices[item.index]?[item.value] = nil }
        }
    }
}
