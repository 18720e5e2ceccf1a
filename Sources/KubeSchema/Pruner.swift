import JSON

/// `apiextensions-apiserver/pkg/apiserver/schema/pruning` and the null pruning of
/// `schema/defaulting`.
enum Pruner {
    static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }

    /// - Parameter isResourceRoot: treat `node` as an embedded resource (its meta fields are kept).
    static func prune(_ value: inout JSONValue, _ node: SchemaNode?, isResourceRoot: Bool = false,
                      path: String, unknown: inout [String]) {
        let embedded = isResourceRoot || (node?.embeddedResource ?? false)
        if let node, node.preservesUnknownFields {
            skipPrune(&value, node, embedded: embedded, path: path, unknown: &unknown)
            return
        }
        switch value {
        case .object(var members):
            value = .null
            guard let node else {
                for key in members.keys { unknown.append(join(path, key)) }
                value = .emptyObject
                return
            }
            for key in members.keys {
                if embedded && metaFields.contains(key) { continue }
                if let child = node.properties?[key] {
                    if var member = members[key] {
                        prune(&member, child, path: join(path, key), unknown: &unknown)
                        members[key] = member
                    }
                } else if let additional = node.additionalProperties {
                    var childNode: SchemaNode?
                    if case .schema(let schema) = additional { childNode = schema }
                    if var member = members[key] {
                        prune(&member, childNode, path: join(path, key), unknown: &unknown)
                        members[key] = member
                    }
                } else {
                    if !metaFields.contains(key) || !path.isEmpty { unknown.append(join(path, key)) }
                    members[key] = nil
                }
            }
            value = .object(members)
        case .array(var items):
            value = .null
            for i in items.indices {
                prune(&items[i], node?.itemSchema, path: path + "[\(i)]", unknown: &unknown)
            }
            value = .array(items)
        default:
            break
        }
    }

    private static func skipPrune(_ value: inout JSONValue, _ node: SchemaNode, embedded: Bool,
                                  path: String, unknown: inout [String]) {
        switch value {
        case .object(var members):
            value = .null
            for key in members.keys {
                if embedded && metaFields.contains(key) { continue }
                guard var member = members[key] else { continue }
                if let child = node.properties?[key] {
                    prune(&member, child, path: join(path, key), unknown: &unknown)
                } else if let additional = node.additionalProperties {
                    var childNode: SchemaNode?
                    if case .schema(let schema) = additional { childNode = schema }
                    prune(&member, childNode, path: join(path, key), unknown: &unknown)
                } else {
                    continue
                }
                members[key] = member
            }
            value = .object(members)
        case .array(var items):
            value = .null
            for i in items.indices {
                if let itemSchema = node.itemSchema {
                    skipPrune(&items[i], itemSchema, embedded: itemSchema.embeddedResource, path: path + "[\(i)]", unknown: &unknown)
                }
            }
            value = .array(items)
        default:
            break
        }
    }

    /// `PruneNonNullableNullsWithoutDefaults`: a `null` for a non-nullable property without a
    /// default is removed (so it neither fails validation nor gets stored).
    static func dropNonNullableNulls(_ value: inout JSONValue, _ node: SchemaNode?) {
        guard let node else { return }
        switch value {
        case .object(var members):
            value = .null
            for key in members.keys {
                guard let property = node.properties?[key], members[key]?.isNull == true else { continue }
                if property.defaultValue == nil && !property.nullable { members[key] = nil }
            }
            for key in members.keys {
                guard var member = members[key] else { continue }
                if let property = node.properties?[key] {
                    dropNonNullableNulls(&member, property)
                } else if let values = node.additionalPropertiesSchema {
                    dropNonNullableNulls(&member, values)
                }
                members[key] = member
            }
            value = .object(members)
        case .array(var items):
            value = .null
            for i in items.indices { dropNonNullableNulls(&items[i], node.itemSchema) }
            value = .array(items)
        default:
            break
        }
    }
}
