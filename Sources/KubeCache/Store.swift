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

    /// A cached object with what the selectors need.
    ///
    /// A class, so that the entries dictionary holds one reference per bucket rather than the
    /// object inline: a decoded object is often several hundred bytes and a dictionary has up to
    /// 2.7 buckets per entry (50 000 objects of 536 bytes made 71 MiB of buckets; boxed, that
    /// cache is 45 MiB smaller, see docs/benchmarks.md). The entry keeps no index values: they
    /// are computed again from the object to undo them, as client-go does (an array per entry
    /// cost 80 bytes per object).
    final class Entry: Sendable {
        let object: Object
        let labels: [String: String]

        init(object: Object, labels: [String: String]) {
            self.object = object
            self.labels = labels
        }
    }

    struct State {
        var entries: [String: Entry] = [:]
        var indices: [IndexName: [String: Set<String>]] = [:]
    }

    private let state = Mutex(State())
    private let indexers: [IndexName: IndexFunction]
    let metadata: @Sendable (Object) -> ObjectMeta

    /// An empty store.
    ///
    /// Index functions must give the same values every time for the same object (they are
    /// called again when the object is replaced or removed, to find what to unindex).
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

    // Index functions are user code: they run outside the lock. The entry read before the
    // write is still the current one when the write happens, because only the informer writes.

    /// Inserts or replaces an object; returns the previous one.
    @discardableResult
    func upsert(_ object: Object) -> Object? {
        let (key, entry) = makeEntry(object)
        let added = indexValues(of: object)
        let old = state.withLock { $0.entries[key] }
        let removed = old.map { indexValues(of: $0.object) } ?? []
        state.withLock { state in
            Self.unindex(key, removed, in: &state)
            Self.index(key, added, in: &state)
            state.entries[key] = entry
        }
        return old?.object
    }

    /// Removes the object with `key`; returns it.
    @discardableResult
    func remove(_ key: String) -> Object? {
        guard let old = state.withLock({ $0.entries[key] }) else { return nil }
        let removed = indexValues(of: old.object)
        state.withLock { state in
            state.entries[key] = nil
            Self.unindex(key, removed, in: &state)
        }
        return old.object
    }

    /// The contents of a store being built from a list, entry by entry as the objects arrive
    /// (see ``Store/insert(_:into:)``), so that the informer does not buffer the objects and
    /// then copy them into entries at the end.
    struct Contents {
        fileprivate var state = State()
        /// Keys in arrival order (a key listed twice counts at its first place).
        fileprivate var order: [String] = []

        /// How many objects are held.
        var count: Int { state.entries.count }
    }

    /// What a wholesale replacement changed. Holds the store's entries (references), not copies
    /// of the objects: at the end of a large list this is one pointer per object.
    struct Replacement {
        var added: [Entry] = []
        var updated: [(old: Entry, new: Entry)] = []
        var unchanged = 0
        var deleted: [Entry] = []
    }

    /// Adds an object to contents being built (a later object with the same key replaces it).
    func insert(_ object: Object, into contents: inout Contents) {
        let (key, entry) = makeEntry(object)
        if let previous = contents.state.entries[key] {
            Self.unindex(key, indexValues(of: previous.object), in: &contents.state)
        } else {
            contents.order.append(key)
        }
        Self.index(key, indexValues(of: object), in: &contents.state)
        contents.state.entries[key] = entry
    }

    /// Replaces every object at once (after a list): readers see the old or the new contents,
    /// never a mix. An object counts as updated when its resourceVersion changed.
    func replace(with objects: [Object]) -> Replacement {
        var contents = Contents()
        for object in objects { insert(object, into: &contents) }
        return replace(with: contents)
    }

    /// Replaces every object at once with contents built by ``insert(_:into:)``.
    func replace(with contents: Contents) -> Replacement {
        let fresh = contents.state
        let old = state.withLock { state in
            let old = state.entries
            state = fresh
            return old
        }
        var result = Replacement()
        for key in contents.order {
            guard let new = fresh.entries[key] else { continue }
            if let previous = old[key] {
                if metadata(previous.object).resourceVersion == metadata(new.object).resourceVersion {
                    result.unchanged += 1
                } else {
                    result.updated.append((previous, new))
                }
            } else {
                result.added.append(new)
            }
        }
        for key in old.keys.sorted() where fresh.entries[key] == nil {
            if let entry = old[key] { result.deleted.append(entry) }
        }
        return result
    }

    private func makeEntry(_ object: Object) -> (String, Entry) {
        let meta = metadata(object)
        let key = Self.key(namespace: meta.namespace, name: meta.name ?? "")
        return (key, Entry(object: object, labels: meta.labels ?? [:]))
    }

    /// One value under which an object is indexed.
    struct IndexedValue {
        var index: IndexName
        var value: String
    }

    /// The values of every index for an object.
    private func indexValues(of object: Object) -> [IndexedValue] {
        var values: [IndexedValue] = []
        for (name, function) in indexers {
            for value in function(object) { values.append(IndexedValue(index: name, value: value)) }
        }
        return values
    }

    private static func index(_ key: String, _ values: [IndexedValue], in state: inout State) {
        for item in values {
            state.indices[item.index, default: [:]][item.value, default: []].insert(key)
        }
    }

    private static func unindex(_ key: String, _ values: [IndexedValue], in state: inout State) {
        for item in values {
            state.indices[item.index]?[item.value]?.remove(key)
            if state.indices[item.index]?[item.value]?.isEmpty == true { state.indices[item.index]?[item.value] = nil }
        }
    }
}
