import JSON

/// CRD validation ratcheting (`CRDValidationRatcheting`, on in v1.36): on update, a schema
/// error is dropped when the value it was raised at — or any enclosing value that can be
/// correlated with the old object — is unchanged. Object members correlate by name,
/// `list-type: map` items by their keys, `set` items by value; atomic list items do not
/// correlate, so only an unchanged list as a whole ratchets them. `apiVersion` and `kind`
/// at the root never ratchet.
enum Ratcheting {
    static func isRatcheted(_ origin: [ValuePathStep], new: JSONValue, old: JSONValue?, schema: SchemaNode?) -> Bool {
        var newValue: JSONValue? = new
        var oldValue: JSONValue? = old
        var node = schema
        for (depth, step) in origin.enumerated() {
            if let n = newValue, let o = oldValue, OpenAPIValidator.goDeepEqual(n, o) { return true }
            switch step {
            case .field(let name):
                if depth == 0 && (name == "apiVersion" || name == "kind") { return false }
                newValue = newValue?[name]
                oldValue = oldValue?[name]
                node = node?.properties?[name] ?? node?.additionalPropertiesSchema
            case .index(let i):
                let item = newValue?[i]
                oldValue = correlatedItem(item, in: oldValue, list: node)
                newValue = item
                node = node?.itemSchema
            }
            if oldValue == nil { return false }
        }
        if let n = newValue, let o = oldValue { return OpenAPIValidator.goDeepEqual(n, o) }
        return false
    }

    private static func correlatedItem(_ item: JSONValue?, in oldList: JSONValue?, list: SchemaNode?) -> JSONValue? {
        guard let item, case .array(let oldItems)? = oldList else { return nil }
        switch list?.listType {
        case "map":
            return mapListItem(matching: item, in: oldItems, keys: list?.listMapKeys ?? [])
        case "set":
            return oldItems.first { OpenAPIValidator.goDeepEqual($0, item) }
        default:
            return nil
        }
    }

    /// The item of a `x-kubernetes-list-type: map` list with the same key fields as `item`
    /// (an absent key matches only an absent key), as ratcheting and CEL transition rules pair them.
    static func mapListItem(matching item: JSONValue, in oldItems: [JSONValue], keys: [String]) -> JSONValue? {
        guard !keys.isEmpty else { return nil }
        return oldItems.first { candidate in
            keys.allSatisfy { key in
                switch (candidate[key], item[key]) {
                case (nil, nil): return true
                case let (a?, b?): return OpenAPIValidator.goDeepEqual(a, b)
                default: return false
                }
            }
        }
    }
}
