import JSON

/// Finds list-map and set items that structured-merge-diff cannot identify
/// in an applied configuration: duplicates, items without their key
/// fields, objects in sets.
struct ListKeyValidator<Schema: PatchSchema> {
    let schema: Schema

    /// The first problem, as `<path>: <what>`, or nil.
    func firstProblem(in value: JSONValue) -> String? {
        check(value, path: [], schemaPath: [])
    }

    private func check(_ value: JSONValue, path: [PathElement], schemaPath: [String]) -> String? {
        switch value {
        case .object(let members):
            if schema.isAtomicMap(at: schemaPath) { return nil }
            for (key, child) in members {
                if let problem = check(child, path: path + [.field(key)], schemaPath: schemaPath + [key]) { return problem }
            }
            return nil
        case .array(let items):
            let listType = schema.listType(at: schemaPath)
            let here = FieldPath(path).description
            var seen = Set<PathElement>()
            for (index, item) in items.enumerated() {
                let element: PathElement
                switch listType {
                case .atomic:
                    return nil
                case .set:
                    if item.isContainer {
                        return "\(here): element \(index): associative list without keys has an element that's a \(item.typeName)"
                    }
                    element = .value(item)
                case .map(let keys):
                    guard case .object(let members) = item else {
                        return "\(here): element \(index): associative list with keys may not have non-map elements"
                    }
                    for key in keys where members[key] == nil && schema.defaultListMapKeyValue(at: schemaPath, key: key) == nil {
                        return "\(here): element \(index): associative list with keys has an element that omits key field \(JSONValue.string(key).serialized()) (and doesn't have default value)"
                    }
                    element = SchemaWalker(schema: schema).keyElement(of: item, keys: keys, at: schemaPath)
                }
                if !seen.insert(element).inserted {
                    return "\(here): duplicate entries for key \(element)"
                }
                if let problem = check(item, path: path + [element], schemaPath: schemaPath) { return problem }
            }
            return nil
        default:
            return nil
        }
    }
}
