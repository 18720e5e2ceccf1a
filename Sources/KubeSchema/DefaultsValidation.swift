import JSON

/// `schema/defaulting.ValidateDefaults`: every `default` must be pruned (no fields the
/// schema would drop) and must validate against the schema it sits in. Defaults inside
/// additionalProperties are not visited (they are forbidden there).
enum DefaultsValidation {
    static func validate(_ root: SchemaNode, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        // The root is treated as an embedded resource: its apiVersion/kind/metadata are "meta".
        visit(root, path: path, embedded: true, insideMeta: false, into: &errors)
        return errors
    }

    private static func visit(_ s: SchemaNode, path: FieldPath, embedded: Bool, insideMeta: Bool, into errors: inout [FieldError]) {
        var insideMeta = insideMeta
        if embedded { insideMeta = false }
        if let defaultValue = s.defaultValue {
            let defaultPath = path.child("default")
            if insideMeta {
                errors += OpenAPIValidator.validate(defaultValue, s, path: "").errors.map { $0.fieldError(base: defaultPath) }
            } else {
                var pruned = defaultValue
                var unknown: [String] = []
                Pruner.prune(&pruned, s, isResourceRoot: embedded, path: "", unknown: &unknown)
                if !OpenAPIValidator.goDeepEqual(pruned, defaultValue) {
                    errors.append(.invalid(defaultPath.string, defaultValue, "must not have unknown fields"))
                }
                var metaErrors: [FieldError] = []
                if embedded, case .object(let members) = defaultValue {
                    metaErrors += EmbeddedResource.validateResource(members, path: defaultPath)
                }
                if case .object(let members) = defaultValue {
                    for (key, member) in members {
                        if let child = s.properties?[key] {
                            EmbeddedResource.validate(member, child, path: defaultPath.child(key), into: &metaErrors)
                        } else if let values = s.additionalPropertiesSchema {
                            EmbeddedResource.validate(member, values, path: defaultPath.key(key), into: &metaErrors)
                        }
                    }
                } else {
                    EmbeddedResource.validate(defaultValue, s, path: defaultPath, into: &metaErrors)
                }
                if !metaErrors.isEmpty {
                    errors += metaErrors
                } else {
                    errors += OpenAPIValidator.validate(defaultValue, s, path: "").errors.map { $0.fieldError(base: defaultPath) }
                }
            }
        }
        if let items = s.itemSchema {
            visit(items, path: path.child("items"), embedded: items.embeddedResource, insideMeta: insideMeta, into: &errors)
        }
        for (name, child) in s.properties ?? [:] {
            let childInsideMeta = insideMeta || (embedded && Pruner.metaFields.contains(name))
            visit(child, path: path.child("properties").key(name), embedded: child.embeddedResource,
                  insideMeta: childInsideMeta, into: &errors)
        }
    }
}
