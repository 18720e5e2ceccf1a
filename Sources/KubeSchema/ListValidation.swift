import JSON
import OrderedCollections

/// The uniqueness invariants of `x-kubernetes-list-type: set` (whole items) and `map`
/// (key tuples), as `apiextensions-apiserver/pkg/apiserver/schema/listtype` checks them:
/// only the second occurrence of a value is reported, keys are printed as JSON objects.
enum ListValidation {
    static func validate(_ value: JSONValue, _ node: SchemaNode, path: FieldPath, into errors: inout [FieldError]) {
        switch value {
        case .object(let members):
            validateObject(members, node, path: path, into: &errors)
        case .array(let items):
            validateArray(items, node, path: path, into: &errors)
        default:
            break
        }
    }

    private static func validateObject(_ members: OrderedDictionary<String, JSONValue>, _ node: SchemaNode,
                                       path: FieldPath, into errors: inout [FieldError]) {
        if let values = node.additionalPropertiesSchema {
            for (key, member) in members { validate(member, values, path: path.key(key), into: &errors) }
        }
        if let properties = node.properties {
            for (key, member) in members {
                if let child = properties[key] { validate(member, child, path: path.child(key), into: &errors) }
            }
        }
    }

    private static func validateArray(_ items: [JSONValue], _ node: SchemaNode, path: FieldPath, into errors: inout [FieldError]) {
        switch node.listType {
        case "set":
            for i in nonUniqueIndices(items) { errors.append(.duplicate(path.index(i).string, items[i])) }
        case "map":
            errors += validateListMap(items, node, path: path)
        default:
            break
        }
        if let itemSchema = node.itemSchema {
            for (i, item) in items.enumerated() { validate(item, itemSchema, path: path.index(i), into: &errors) }
        }
    }

    /// An item's identity for uniqueness: Go compares scalars by type and value and compound
    /// values by their JSON encoding.
    private enum Identity: Hashable {
        case unspecified
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case string(String)
        case compound(String)

        init(_ value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .double(let d): self = .double(d)
            case .string(let s): self = .string(s)
            case .array, .object: self = .compound(GoFormat.json(value))
            }
        }
    }

    private static func nonUniqueIndices(_ items: [JSONValue]) -> [Int] {
        nonUniqueIndices(items.map(Identity.init))
    }

    private static func nonUniqueIndices(_ identities: [Identity]) -> [Int] {
        guard identities.count > 1 else { return [] }
        var seen: [Identity: Int] = [:]
        var out: [Int] = []
        for (i, identity) in identities.enumerated() {
            let times = seen[identity, default: 0]
            seen[identity] = times + 1
            if times == 1 { out.append(i) }
        }
        return out
    }

    private static func validateListMap(_ items: [JSONValue], _ node: SchemaNode, path: FieldPath) -> [FieldError] {
        for (i, item) in items.enumerated() {
            switch item {
            case .null, .object: continue
            default: return [.invalid(path.index(i).string, item, "must be an object for an array of list-type map")]
            }
        }
        guard items.count > 1 else { return [] }
        let keyFields = node.listMapKeys ?? []
        if keyFields.count == 1 {
            let keyField = keyFields[0]
            let keys: [Identity] = items.map { item in
                guard case .object(let members) = item, let key = members[keyField] else { return .unspecified }
                return Identity(key)
            }
            return nonUniqueIndices(keys).map { i in
                guard case .object(let members) = items[i], let key = members[keyField] else {
                    return .duplicate(path.index(i).string, .emptyObject)
                }
                return .duplicate(path.index(i).string, .object([keyField: key]))
            }
        }
        let keys: [JSONValue] = items.map { item in
            var key = OrderedDictionary<String, JSONValue>()
            if case .object(let members) = item {
                for field in keyFields { if let value = members[field] { key[field] = value } }
            }
            return .object(key)
        }
        return nonUniqueIndices(keys).map { .duplicate(path.index($0).string, keys[$0]) }
    }
}
