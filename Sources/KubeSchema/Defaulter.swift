import JSON

/// `schema/defaulting.Default` over unstructured values.
enum Defaulter {
    static func apply(_ value: inout JSONValue, _ node: SchemaNode?) {
        guard let node else { return }
        switch value {
        case .object(var members):
            value = .null
            for (key, property) in node.properties ?? [:] {
                guard let defaultValue = property.defaultValue else { continue }
                if let existing = members[key] {
                    if existing.isNull && !property.nullable { members[key] = defaultValue }
                } else {
                    members[key] = defaultValue
                }
            }
            for key in members.keys {
                guard var member = members[key] else { continue }
                if let property = node.properties?[key] {
                    apply(&member, property)
                } else if let values = node.additionalPropertiesSchema {
                    if member.isNull && !values.nullable {
                        member = values.defaultValue ?? .null
                    }
                    apply(&member, values)
                }
                members[key] = member
            }
            value = .object(members)
        case .array(var items):
            value = .null
            if let itemSchema = node.itemSchema {
                for i in items.indices {
                    if items[i].isNull && !itemSchema.nullable {
                        items[i] = itemSchema.defaultValue ?? .null
                    }
                    apply(&items[i], itemSchema)
                }
            }
            value = .array(items)
        default:
            break
        }
    }
}
