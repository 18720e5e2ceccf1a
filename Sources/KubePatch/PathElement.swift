public import JSON

/// One step of a field path, as structured-merge-diff names it: a field of
/// an object, a list-map item by its keys, a set item by its value, or a
/// list item by its position.
public enum PathElement: Hashable, Sendable, Comparable, CustomStringConvertible {
    case field(String)
    /// The key fields of a list-map item, sorted by name.
    case key([KeyField])
    case value(JSONValue)
    case index(Int)

    /// A key field of a list-map item (`name: "app"`).
    public struct KeyField: Hashable, Sendable {
        public var name: String
        public var value: JSONValue
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A list-map item element with its key fields sorted by name.
    public static func key(_ fields: [(String, JSONValue)]) -> PathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { $0.name < $1.name })
    }

    /// The element as the API server prints it in conflict messages:
    /// `.image`, `[name="app"]`, `[="x"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            return "[" + fields.map { "\($0.name)=\($0.value.serialized())" }.joined(separator: ",") + "]"
        case .value(let value): return "[=\(value.serialized())]"
        case .index(let index): return "[\(index)]"
        }
    }

    /// The element as a `fieldsV1` key: `f:image`, `k:{"name":"app"}`, `v:"x"`, `i:0`.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            return "k:{" + fields.map { JSONValue.string($0.name).serialized() + ":" + $0.value.serialized() }
                .joined(separator: ",") + "}"
        case .value(let value): return "v:" + value.serialized()
        case .index(let index): return "i:\(index)"
        }
    }

    /// structured-merge-diff's order: fields, then keys, then values, then
    /// indexes; within a kind by name, by key fields, or by value.
    public static func < (lhs: PathElement, rhs: PathElement) -> Bool {
        switch (lhs, rhs) {
        case let (.field(a), .field(b)): return a < b
        case let (.key(a), .key(b)):
            if a.count != b.count { return a.count < b.count }
            for (x, y) in zip(a, b) {
                if x.name != y.name { return x.name < y.name }
                let order = JSONValue.order(x.value, y.value)
                if order != 0 { return order < 0 }
            }
            return false
        case let (.value(a), .value(b)): return JSONValue.order(a, b) < 0
        case let (.index(a), .index(b)): return a < b
        default: return lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .field: return 0
        case .key: return 1
        case .value: return 2
        case .index: return 3
        }
    }
}
