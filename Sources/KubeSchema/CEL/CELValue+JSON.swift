import Foundation
import JSON
import OrderedCollections

extension CELValue {
    /// The CEL view of a JSON value typed by its schema, like `UnstructuredToVal`:
    /// `number` fields are doubles, `date-time`/`duration`/`byte` strings become
    /// timestamps/durations/bytes, int-or-string and preserved unknown fields keep their JSON
    /// type, and a resource root exposes only `name`/`generateName` of its metadata.
    static func from(_ json: JSONValue, node: SchemaNode?, resourceRoot: Bool = false) -> CELValue {
        guard let node, !node.intOrString else { return dynamic(json) }
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i):
            return node.type == "number" ? .double(Double(i)) : .int(i)
        case .double(let d):
            if node.type == "integer", d.rounded(.towardZero) == d, let i = Int64(exactly: d) { return .int(i) }
            return .double(d)
        case .string(let s):
            guard node.type == "string" else { return .string(s) }
            switch node.format {
            case "date-time", "datetime":
                if let t = CELTimestamp.parse(s) { return .timestamp(t) }
            case "duration":
                if let d = CELFormat.parseDuration(s) { return .duration(d) }
            case "byte":
                if let data = Data(base64Encoded: s) { return .bytes(Array(data)) }
            default: break
            }
            return .string(s)
        case .array(let items):
            let itemNode = node.itemSchema
            return .list(items.map { from($0, node: itemNode, resourceRoot: itemNode?.embeddedResource ?? false) })
        case .object(let members):
            var out = OrderedDictionary<String, CELValue>()
            let isRoot = resourceRoot || node.embeddedResource
            for (key, value) in members {
                if isRoot && key == "metadata" {
                    out[key] = objectMeta(value)
                    continue
                }
                if let child = node.properties?[key] {
                    out[key] = from(value, node: child, resourceRoot: child.embeddedResource)
                } else if let values = node.additionalPropertiesSchema {
                    out[key] = from(value, node: values, resourceRoot: values.embeddedResource)
                } else {
                    out[key] = dynamic(value)
                }
            }
            return .map(CELMap(strings: out, isObject: !(node.properties ?? [:]).isEmpty || isRoot))
        }
    }

    private static func objectMeta(_ json: JSONValue) -> CELValue {
        var out = OrderedDictionary<String, CELValue>()
        for key in ["name", "generateName"] {
            if case .string(let s)? = json[key] { out[key] = .string(s) }
        }
        return .map(CELMap(strings: out, isObject: true))
    }

    /// A JSON value without schema: by its own type.
    static func dynamic(_ json: JSONValue) -> CELValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(dynamic))
        case .object(let members):
            var out = OrderedDictionary<String, CELValue>()
            for (key, value) in members { out[key] = dynamic(value) }
            return .map(CELMap(strings: out, isObject: false))
        }
    }
}
