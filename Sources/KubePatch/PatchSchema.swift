public import JSON

/// What the patch algorithms need to know about a type at a path.
///
/// Paths are field names from the object root with list elements elided:
/// the image of a Deployment's container is
/// `["spec", "template", "spec", "containers", "image"]`, a label is
/// `["metadata", "labels", "app"]`.
public protocol PatchSchema: Sendable {
    /// The list semantics used by server-side apply (`x-kubernetes-list-type`).
    func listType(at path: [String]) -> ListType
    /// Whether the object at `path` is one value (`x-kubernetes-map-type: atomic`,
    /// structs marked `+structType=atomic` such as label selectors).
    func isAtomicMap(at path: [String]) -> Bool
    /// The list semantics used by strategic merge patch (`patchStrategy` /
    /// `patchMergeKey`). `.map` merges by its first key, `.set` merges scalars,
    /// `.atomic` replaces. Defaults to `listType(at:)`.
    func strategicListType(at path: [String]) -> ListType
    /// Whether the last field of `path` is a declared property of its parent
    /// (a struct field) rather than a key of a free-form map (labels,
    /// `additionalProperties`, preserved unknown fields). Declared fields are
    /// not owned as a whole by server-side apply, only their leaves.
    /// Defaults to `true`.
    func isDeclaredField(at path: [String]) -> Bool
    /// The value a list-map key field takes when an item omits it (a Service
    /// port's `protocol` is `TCP`). Defaults to none.
    func defaultListMapKeyValue(at path: [String], key: String) -> JSONValue?
    /// The object a freshly allocated instance of the kind serializes to: the
    /// API server compares against it when it records who created which
    /// fields, so structs that always exist (a Deployment's `spec.strategy`)
    /// are not reported as added. Defaults to an empty object.
    func emptyObject() -> JSONValue
}

extension PatchSchema {
    public func strategicListType(at path: [String]) -> ListType { listType(at: path) }
    public func isDeclaredField(at path: [String]) -> Bool { true }
    public func defaultListMapKeyValue(at path: [String], key: String) -> JSONValue? { nil }
    public func emptyObject() -> JSONValue { .emptyObject }
}
