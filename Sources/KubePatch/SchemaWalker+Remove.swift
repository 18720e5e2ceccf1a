import JSON
import OrderedCollections

extension SchemaWalker {
    /// structured-merge-diff's `RemoveItems`: drops every field and list
    /// item whose path is in `set`. A map or list left with nothing in it is
    /// dropped as well (structured-merge-diff leaves a null there, which the
    /// API server's decoding drops).
    func removing(_ set: FieldSet, from value: JSONValue) -> JSONValue {
        removing(set, from: value, schemaPath: []) ?? .emptyObject
    }

    private func removing(_ set: FieldSet, from value: JSONValue, schemaPath: [String]) -> JSONValue? {
        if set.isEmpty { return value }
        switch shape(of: value, at: schemaPath) {
        case .leaf:
            return value
        case .map(let members):
            if members.isEmpty { return value }
            var out = OrderedDictionary<String, JSONValue>()
            for (key, child) in members {
                let element = PathElement.field(key)
                if set.members.contains(element) { continue }
                if let below = set.children[element] {
                    if let kept = removing(below, from: child, schemaPath: schemaPath + [key]) { out[key] = kept }
                } else {
                    out[key] = child
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .list(let items):
            if items.isEmpty { return value }
            var out: [JSONValue] = []
            for item in items {
                if set.members.contains(item.element) { continue }
                if let below = set.children[item.element] {
                    if let kept = removing(below, from: item.value, schemaPath: schemaPath) { out.append(kept) }
                } else {
                    out.append(item.value)
                }
            }
            return out.isEmpty ? nil : .array(out)
        }
    }
}
