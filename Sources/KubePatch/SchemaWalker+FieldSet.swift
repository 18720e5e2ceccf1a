import JSON

extension SchemaWalker {
    /// structured-merge-diff's `ToFieldSet`: every leaf, every list item,
    /// every null or empty object, and every key of a free-form map.
    func fieldSet(of value: JSONValue) -> FieldSet {
        var set = FieldSet()
        collect(value, path: [], schemaPath: [], into: &set)
        return set
    }

    private func collect(_ value: JSONValue, path: [PathElement], schemaPath: [String], into set: inout FieldSet) {
        switch shape(of: value, at: schemaPath) {
        case .leaf:
            set.insert(path[...])
        case .map(let members):
            for (key, child) in members {
                let childPath = path + [.field(key)]
                let childSchemaPath = schemaPath + [key]
                collect(child, path: childPath, schemaPath: childSchemaPath, into: &set)
                if child == .emptyObject || !schema.isDeclaredField(at: childSchemaPath) {
                    set.insert(childPath[...])
                }
            }
        case .list(let items):
            for item in items {
                let childPath = path + [item.element]
                collect(item.value, path: childPath, schemaPath: schemaPath, into: &set)
                set.insert(childPath[...])
            }
        }
    }

    /// structured-merge-diff's `EnsureNamedFieldsAreMembers`: a declared
    /// field with owned paths below it counts as owned itself, so removing
    /// it removes the whole struct.
    func ensuringNamedFields(_ set: FieldSet, schemaPath: [String] = []) -> FieldSet {
        var result = FieldSet()
        result.members = set.members
        for (element, child) in set.children {
            var childSchemaPath = schemaPath
            if case .field(let name) = element {
                childSchemaPath.append(name)
                if schema.isDeclaredField(at: childSchemaPath) { result.members.insert(element) }
            }
            result.children[element] = ensuringNamedFields(child, schemaPath: childSchemaPath)
        }
        return result
    }
}
