import JSON
import OrderedCollections

/// Assembles one document's `JSONValue` from parser events, applying what
/// go-yaml v2 + sigs.k8s.io/yaml do on top of plain YAML: anchors and aliases,
/// `<<` merge keys (v2 semantics: merges apply in order and override earlier
/// keys; in a merge list earlier maps win), map keys converted to strings,
/// and the alias-expansion budget that refuses "billion laughs" documents.
///
/// Works on the event stream with an explicit stack, so nesting depth costs
/// heap rather than call stack, and aliases share storage with their anchor
/// (copy-on-write) instead of being copied.
struct DocumentBuilder {
    /// Deepest nesting accepted. No Kubernetes object comes close, and what
    /// consumes values recursively (`==`, deinit, the emitter, `JSONDecoder`)
    /// needs call stack in proportion to depth, also on small-stack threads.
    static let maxDepth = 1_000

    /// A finished node, on its way into its parent.
    struct Node {
        enum Kind { case scalar, sequence, mapping }
        var value: JSONValue
        var kind: Kind
        /// The resolved scalar (for map-key conversion), nil for collections.
        var scalar: ResolvedScalar?
        var start: Mark
        /// Nodes this one stands for once aliases are expanded (go-yaml's decode count).
        var size: Int
        var isAlias = false
        var isMergeKey = false
    }

    private enum PendingKey {
        /// The key and the index its value goes to (reserved when the key was read).
        case key(String, index: Int)
        case merge
    }

    /// An open collection. A class so that appending to its storage never
    /// copies it (a struct inside an array of enums would be copied on write).
    private final class Frame {
        let kind: Node.Kind
        let anchor: String?
        let start: Mark
        let path: String?
        var items = [JSONValue]()
        var entries = OrderedDictionary<String, JSONValue>()
        /// Where each entry's key was written (parallel to `entries`), for
        /// duplicate-key messages.
        var keyMarks: [Mark] = []
        /// Keys written explicitly, once a merge has also added keys (until
        /// then every key in `entries` was written explicitly).
        var explicitKeys: Set<String>?
        var pendingKey: PendingKey?
        var size = 1

        init(kind: Node.Kind, anchor: String?, start: Mark, path: String?) {
            self.kind = kind
            self.anchor = anchor
            self.start = start
            self.path = path
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: Node] = [:]
    private var openAnchors: Set<String> = []
    private var decodeCount = 0
    private var aliasCount = 0
    /// The finished document, once its root node is complete.
    private(set) var root: Node?

    /// When set, the position of every node is recorded under its field path
    /// (`spec.containers[0].name`); used to place decoding errors.
    private(set) var positions: [String: Mark]?

    init(recordPositions: Bool = false) {
        positions = recordPositions ? [:] : nil
    }

    // MARK: Events

    mutating func scalar(_ text: String, tag: String?, plainImplicit: Bool, anchor: String?, at mark: Mark) throws(YAMLError) {
        let resolved: ResolvedScalar
        do {
            resolved = try ScalarResolver.resolve(text, tag: tag, plainImplicit: plainImplicit)
        } catch {
            throw YAMLError(at: mark, error.message)
        }
        // go-yaml treats only an untagged plain `<<` (or `!!merge <<`) as a merge key.
        let isMerge = text == "<<" && (plainImplicit && tag == nil || tag == YAMLTag.merge)
        var node = Node(value: resolved.jsonValue, kind: .scalar, scalar: resolved, start: mark, size: 1)
        node.isMergeKey = isMerge
        try count(node: 1, alias: 0, at: mark)
        if let anchor { anchors[anchor] = node }
        try complete(node)
    }

    mutating func alias(_ name: String, at mark: Mark) throws(YAMLError) {
        if openAnchors.contains(name) {
            throw YAMLError(at: mark, "anchor '\(name)' value contains itself")
        }
        guard let anchor = anchors[name] else {
            throw YAMLError(at: mark, "unknown anchor '\(name)' referenced")
        }
        var node = anchor
        node.start = mark
        node.isAlias = true
        node.isMergeKey = false
        node.size = 1 + anchor.size
        try count(node: node.size, alias: anchor.size, at: mark)
        try complete(node)
    }

    mutating func startCollection(_ kind: Node.Kind, anchor: String?, at mark: Mark) throws(YAMLError) {
        guard stack.count < Self.maxDepth else {
            throw YAMLError(at: mark, "document is nested deeper than \(Self.maxDepth) levels")
        }
        try count(node: 1, alias: 0, at: mark)
        if let anchor { openAnchors.insert(anchor) }
        stack.append(Frame(kind: kind, anchor: anchor, start: mark, path: positions == nil ? nil : childPath()))
    }

    mutating func endCollection() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        let value: JSONValue = frame.kind == .sequence ? .array(frame.items) : .object(frame.entries)
        let node = Node(value: value, kind: frame.kind, scalar: nil, start: frame.start, size: frame.size)
        if let anchor = frame.anchor {
            openAnchors.remove(anchor)
            anchors[anchor] = node
        }
        try complete(node)
    }

    // MARK: Assembly

    private mutating func complete(_ node: Node) throws(YAMLError) {
        guard let parent = stack.last else {
            if positions != nil { positions?[""] = node.start }
            root = node
            return
        }
        parent.size += node.size
        if parent.kind == .sequence {
            recordPosition(node.start)
            parent.items.append(node.value)
            return
        }
        switch parent.pendingKey {
        case nil:
            parent.pendingKey = try key(for: node, in: parent)
        case .key(_, let index)?:
            recordPosition(node.start)
            parent.entries.values[index] = node.value
            parent.pendingKey = nil
        case .merge?:
            try merge(node, into: parent)
            parent.pendingKey = nil
        }
    }

    private func key(for node: Node, in mapping: Frame) throws(YAMLError) -> PendingKey {
        if node.isMergeKey { return .merge }
        guard let scalar = node.scalar else {
            let what = node.kind == .sequence ? "a sequence" : "a mapping"
            throw YAMLError(at: node.start, "invalid map key: \(what) cannot be a mapping key")
        }
        let key: String
        switch scalar.mapKey() {
        case .success(let k): key = k
        case .failure(let error): throw YAMLError(at: node.start, error.message)
        }
        // Reserve the entry now (one hash lookup when new); the value fills it in by index.
        var index = mapping.entries.count
        if mapping.entries.updateValue(.null, forKey: key) == nil {
            mapping.keyMarks.append(node.start)
        } else {
            index = mapping.entries.index(forKey: key) ?? index
            // kubectl (client side) keeps the last of duplicate keys, but the API
            // server's strict field validation rejects them; refusing here catches
            // the mistake before it is silently half-applied. Overriding a key
            // that only a merge added is fine.
            if mapping.explicitKeys?.contains(key) ?? true {
                throw YAMLError(at: node.start, "mapping key \"\(key)\" already defined at \(mapping.keyMarks[index])")
            }
            mapping.keyMarks[index] = node.start
        }
        mapping.explicitKeys?.insert(key)
        return .key(key, index: index)
    }

    private func merge(_ node: Node, into mapping: Frame) throws(YAMLError) {
        let failure = YAMLError(at: node.start, "map merge requires map or sequence of maps as the value")
        let sources: [OrderedDictionary<String, JSONValue>]
        switch node.value {
        case .object(let entries) where node.kind == .mapping:
            sources = [entries]
        case .array(let items) where node.kind == .sequence && !node.isAlias:
            // Earlier maps take precedence, so they are applied last.
            var maps: [OrderedDictionary<String, JSONValue>] = []
            for item in items.reversed() {
                guard case .object(let entries) = item else { throw failure }
                maps.append(entries)
            }
            sources = maps
        default:
            throw failure
        }
        if mapping.explicitKeys == nil { mapping.explicitKeys = Set(mapping.entries.keys) }
        for entries in sources {
            for (key, value) in entries where mapping.entries.updateValue(value, forKey: key) == nil {
                mapping.keyMarks.append(node.start)
            }
        }
    }

    /// Counts decoded nodes like go-yaml v2.4 and refuses documents where too
    /// large a share of them comes from alias expansion.
    private mutating func count(node: Int, alias: Int, at mark: Mark) throws(YAMLError) {
        decodeCount += node
        aliasCount += alias
        if aliasCount > 100, decodeCount > 1000,
           Double(aliasCount) / Double(decodeCount) > Self.allowedAliasRatio(decodeCount) {
            throw YAMLError(at: mark, "document contains excessive aliasing (\(decodeCount) nodes after expanding aliases, \(aliasCount) of them from aliases)")
        }
    }

    /// go-yaml's budget: 99% of nodes may come from aliases up to 400,000
    /// nodes, falling linearly to 10% at 4,000,000.
    static func allowedAliasRatio(_ decodeCount: Int) -> Double {
        let low = 400_000.0, high = 4_000_000.0
        let n = Double(decodeCount)
        if n <= low { return 0.99 }
        if n >= high { return 0.10 }
        return 0.99 - 0.89 * ((n - low) / (high - low))
    }

    private mutating func recordPosition(_ mark: Mark) {
        guard positions != nil else { return }
        let path = childPath()
        positions?[path] = mark
    }

    /// The path of the node about to complete in the innermost open collection.
    private func childPath() -> String {
        guard let parent = stack.last else { return "" }
        let base = parent.path ?? ""
        if parent.kind == .sequence { return FieldPath.appending(index: parent.items.count, to: base) }
        guard case .key(let key, _)? = parent.pendingKey else { return base }
        return FieldPath.appending(key: key, to: base)
    }
}
