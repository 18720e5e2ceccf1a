/// A path to a field inside an object, e.g. `.spec.containers[name="app"].image`.
public struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var elements: [PathElement]

    public init(_ elements: [PathElement]) { self.elements = elements }
    public init(arrayLiteral elements: PathElement...) { self.elements = elements }
    /// A path made only of field names: `FieldPath(fields: "spec", "size")`.
    public init(fields names: String...) { self.elements = names.map(PathElement.field) }

    /// The path as the API server prints it in conflicts: `.spec.size`.
    public var description: String { elements.map(\.description).joined() }

    /// The field names along the path, list elements elided: the form
    /// `PatchSchema` is asked about.
    public var schemaPath: [String] {
        elements.compactMap { if case .field(let name) = $0 { return name } else { return nil } }
    }

    public func appending(_ element: PathElement) -> FieldPath { FieldPath(elements + [element]) }

    public static func < (lhs: FieldPath, rhs: FieldPath) -> Bool {
        for (a, b) in zip(lhs.elements, rhs.elements) where a != b { return a < b }
        return lhs.elements.count < rhs.elements.count
    }
}
