/// The static type of a CEL expression as far as the checker needs it: enough to find
/// undefined fields and operators applied to incompatible primitive types. `dyn` is
/// anything (int-or-string, preserved unknown fields, results the checker does not model).
indirect enum CELType: Sendable {
    case dyn
    case null
    case bool, int, uint, double, string, bytes, duration, timestamp, type
    case list(CELType)
    case map(key: CELType, value: CELType)
    /// The declared type of a schema node; `resourceRoot` adds `apiVersion`, `kind` and `metadata`.
    case schema(SchemaNode, resourceRoot: Bool)
    /// The `metadata` of a resource root: only `name` and `generateName` are visible.
    case objectMeta
    case optional(CELType)

    /// The type of a value of `node` (schema declared type).
    static func of(_ node: SchemaNode?, resourceRoot: Bool = false) -> CELType {
        guard let node else { return .dyn }
        if node.intOrString { return .dyn }
        switch node.type {
        case "object":
            if resourceRoot || !(node.properties ?? [:]).isEmpty { return .schema(node, resourceRoot: resourceRoot) }
            if let values = node.additionalPropertiesSchema {
                return .map(key: .string, value: .of(values, resourceRoot: values.embeddedResource))
            }
            if node.preservesUnknownFields { return .dyn }
            return .schema(node, resourceRoot: false)
        case "array": return .list(node.itemSchema.map { .of($0, resourceRoot: $0.embeddedResource) } ?? .dyn)
        case "string":
            switch node.format {
            case "date-time", "datetime": return .timestamp
            case "duration": return .duration
            case "byte": return .bytes
            default: return .string
            }
        case "integer": return .int
        case "number": return .double
        case "boolean": return .bool
        default: return .dyn
        }
    }

    /// The type of field `name`, or nil when the type declares no such field; `.dyn` for maps and dyn.
    func field(_ name: String) -> CELType? {
        switch self {
        case .dyn: return .dyn
        case .map(_, let value): return value
        case .objectMeta: return name == "name" || name == "generateName" ? .string : nil
        case .schema(let node, let root):
            if root {
                switch name {
                case "apiVersion", "kind": return .string
                case "metadata": return .objectMeta
                default: break
                }
            }
            if let child = node.properties?[name] { return .of(child, resourceRoot: child.embeddedResource) }
            if node.preservesUnknownFields { return .dyn }
            return nil
        default: return nil
        }
    }

    /// How cel-go prints the type in overload errors.
    var name: String {
        switch self {
        case .dyn: return "dyn"
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .duration: return "google.protobuf.Duration"
        case .timestamp: return "google.protobuf.Timestamp"
        case .type: return "type"
        case .list(let e): return "list(\(e.name))"
        case .map(let k, let v): return "map(\(k.name), \(v.name))"
        case .schema, .objectMeta: return "object"
        case .optional(let t): return "optional_type(\(t.name))"
        }
    }

    /// A primitive kind the checker can compare; nil for aggregates and dyn.
    var primitive: String? {
        switch self {
        case .bool, .int, .uint, .double, .string, .bytes, .duration, .timestamp: return name
        default: return nil
        }
    }

    var isDyn: Bool { if case .dyn = self { return true } else { return false } }
}
