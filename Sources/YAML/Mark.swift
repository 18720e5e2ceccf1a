/// A 1-based position in the YAML text (libyaml counts from 0; people from 1).
struct Mark: Sendable, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int

    static let unknown = Mark(line: 0, column: 0)

    var description: String { "line \(line), column \(column)" }
}
