import JSON
import OrderedCollections

/// Walks JSON values the way structured-merge-diff walks typed values:
/// objects are granular maps unless the schema calls them atomic, lists are
/// atomic, sets or list-maps as the schema says, everything else is a leaf.
/// Paths of list items are their `PathElement`s (`[name="app"]`).
struct SchemaWalker<Schema: PatchSchema> {
    let schema: Schema

    /// A value as the walker sees it at one path.
    enum Shape {
        /// A scalar, null, an atomic object or an atomic list.
        case leaf
        case map(OrderedDictionary<String, JSONValue>)
        case list([ListItem])
    }

    struct ListItem {
        var element: PathElement
        var value: JSONValue
    }

    func shape(of value: JSONValue, at schemaPath: [String]) -> Shape {
        switch value {
        case .object(let members):
            return schema.isAtomicMap(at: schemaPath) ? .leaf : .map(members)
        case .array(let items):
            switch schema.listType(at: schemaPath) {
            case .atomic:
                return .leaf
            case .set:
                return .list(items.map { ListItem(element: .value($0), value: $0) })
            case .map(let keys):
                return .list(items.map { ListItem(element: keyElement(of: $0, keys: keys, at: schemaPath), value: $0) })
            }
        default:
            return .leaf
        }
    }

    /// The `[k=v,...]` element of a list-map item; key fields the item omits
    /// take the schema's default, or are left out when there is none.
    func keyElement(of item: JSONValue, keys: [String], at schemaPath: [String]) -> PathElement {
        guard case .object(let members) = item else { return .value(item) }
        var fields: [(String, JSONValue)] = []
        for key in keys {
            if let value = members[key] ?? schema.defaultListMapKeyValue(at: schemaPath, key: key) {
                fields.append((key, value))
            }
        }
        return .key(fields)
    }

    /// Map members of a value that is a granular map, `[:]` for null or
    /// absent (null is a wildcard that takes the other side's shape), nil
    /// for anything else.
    func mapMembers(_ value: JSONValue?, _ shape: Shape?) -> OrderedDictionary<String, JSONValue>? {
        switch shape {
        case .map(let members): return members
        case .none: return [:]
        case .leaf: return value == .null ? [:] : nil
        case .list: return nil
        }
    }

    func listItems(_ value: JSONValue?, _ shape: Shape?) -> [ListItem]? {
        switch shape {
        case .list(let items): return items
        case .none: return []
        case .leaf: return value == .null ? [] : nil
        case .map: return nil
        }
    }

    /// How two sides at one path line up: both granular maps, both granular
    /// lists, or a leaf comparison (scalars, atomic values, mismatched kinds,
    /// and maps or lists that are empty on both sides).
    enum Pairing {
        case maps(OrderedDictionary<String, JSONValue>, OrderedDictionary<String, JSONValue>)
        case lists([ListItem], [ListItem])
        case leaf
    }

    func pair(_ lhs: JSONValue?, _ rhs: JSONValue?, at schemaPath: [String]) -> Pairing {
        let ls = lhs.map { shape(of: $0, at: schemaPath) }
        let rs = rhs.map { shape(of: $0, at: schemaPath) }
        let granularMap = { (s: Shape?) -> Bool in if case .map = s { return true } else { return false } }
        let granularList = { (s: Shape?) -> Bool in if case .list = s { return true } else { return false } }
        if granularMap(ls) || granularMap(rs), let lm = mapMembers(lhs, ls), let rm = mapMembers(rhs, rs) {
            return lm.isEmpty && rm.isEmpty ? .leaf : .maps(lm, rm)
        }
        if granularList(ls) || granularList(rs), let li = listItems(lhs, ls), let ri = listItems(rhs, rs) {
            return li.isEmpty && ri.isEmpty ? .leaf : .lists(li, ri)
        }
        return .leaf
    }

    /// Items by element, the first of duplicates winning, plus the order.
    func index(_ items: [ListItem]) -> (order: [PathElement], byElement: [PathElement: JSONValue]) {
        var order: [PathElement] = []
        var byElement: [PathElement: JSONValue] = [:]
        for item in items where byElement[item.element] == nil {
            byElement[item.element] = item.value
            order.append(item.element)
        }
        return (order, byElement)
    }
}
