/// A set of field paths: what one manager owns in `metadata.managedFields`,
/// what an applied configuration sets, what changed between two objects.
///
/// Stored as a tree like structured-merge-diff's `fieldpath.Set`: at each
/// level the elements that are members themselves, and the subsets below
/// elements that have members further down. A node can be both.
public struct FieldSet: Sendable, Equatable, CustomStringConvertible {
    /// Elements at this level that are in the set.
    var members: Set<PathElement>
    /// Non-empty subsets below elements at this level.
    var children: [PathElement: FieldSet]

    /// The empty set.
    public init() {
        members = []
        children = [:]
    }

    /// A set holding `paths`.
    public init(paths: some Sequence<FieldPath>) {
        self.init()
        for path in paths { insert(path) }
    }

    /// Whether the set holds no path.
    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    /// The number of paths in the set.
    public var count: Int { members.count + children.values.reduce(0) { $0 + $1.count } }

    /// Every path in the set, sorted.
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collect(prefix: [], into: &out)
        return out.sorted()
    }

    public var description: String { "{" + paths.map(\.description).joined(separator: ", ") + "}" }

    private func collect(prefix: [PathElement], into out: inout [FieldPath]) {
        for member in members { out.append(FieldPath(prefix + [member])) }
        for (element, child) in children { child.collect(prefix: prefix + [element], into: &out) }
    }

    /// Whether `path` itself is in the set (not merely something below it).
    public func contains(_ path: FieldPath) -> Bool { contains(path.elements[...]) }

    func contains(_ path: ArraySlice<PathElement>) -> Bool {
        guard let first = path.first else { return false }
        if path.count == 1 { return members.contains(first) }
        return children[first]?.contains(path.dropFirst()) ?? false
    }

    /// The paths below `element`, relative to it (empty when there are none).
    func subset(under element: PathElement) -> FieldSet { children[element] ?? FieldSet() }

    /// Whether some path in the set goes strictly below `path`.
    func hasPaths(under path: FieldPath) -> Bool {
        var node = self
        for element in path.elements {
            guard let child = node.children[element] else { return false }
            node = child
        }
        return !node.isEmpty
    }

    /// Adds `path` (the empty path is ignored).
    public mutating func insert(_ path: FieldPath) { insert(path.elements[...]) }

    mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let first = path.first else { return }
        if path.count == 1 {
            members.insert(first)
        } else {
            children[first, default: FieldSet()].insert(path.dropFirst())
        }
    }

    /// The paths in either set.
    public func union(_ other: FieldSet) -> FieldSet {
        var result = self
        result.formUnion(other)
        return result
    }

    /// Adds the paths of `other`.
    public mutating func formUnion(_ other: FieldSet) {
        members.formUnion(other.members)
        for (element, child) in other.children {
            children[element, default: FieldSet()].formUnion(child)
        }
    }

    /// The paths of this set that are not in `other` (path by path: removing
    /// `.spec` does not remove `.spec.size`).
    public func subtracting(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.members = members.subtracting(other.members)
        for (element, child) in children {
            let rest = other.children[element].map { child.subtracting($0) } ?? child
            if !rest.isEmpty { result.children[element] = rest }
        }
        return result
    }

    /// The paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        var result = FieldSet()
        result.members = members.intersection(other.members)
        for (element, child) in children {
            guard let otherChild = other.children[element] else { continue }
            let both = child.intersection(otherChild)
            if !both.isEmpty { result.children[element] = both }
        }
        return result
    }

    /// The set without every path that starts with one of `prefixes`
    /// (a prefix itself included).
    func removingPrefixes(_ prefixes: [FieldPath]) -> FieldSet {
        var result = self
        for prefix in prefixes { result.removePrefix(prefix.elements[...]) }
        return result
    }

    private mutating func removePrefix(_ prefix: ArraySlice<PathElement>) {
        guard let first = prefix.first else {
            self = FieldSet()
            return
        }
        if prefix.count == 1 {
            members.remove(first)
            children[first] = nil
            return
        }
        guard var child = children[first] else { return }
        child.removePrefix(prefix.dropFirst())
        children[first] = child.isEmpty ? nil : child
    }
}
