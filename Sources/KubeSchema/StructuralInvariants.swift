import JSON

/// `schema.ValidateStructural` (with the CRD options: no additionalProperties, map types or
/// CEL rules under value validation) and `schema.NewStructural`'s refusals. Errors are sorted
/// by their text, as the server sorts them.
enum StructuralInvariants {
    private enum Level { case root, item, field }

    /// The first reason `NewStructural` refuses the schema, if any (Go returns only the first).
    static func initializationError(_ node: SchemaNode) -> String? {
        if let error = unsupportedFields(node) { return error }
        for nested in (node.allOf ?? []) + (node.anyOf ?? []) + (node.oneOf ?? []) + [node.not].compactMap({ $0 }) {
            if let error = nestedInitializationError(nested) { return error }
        }
        if node.preserveUnknownFields == false {
            return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined"
        }
        switch node.items {
        case .array(let list) where !list.isEmpty: return "OpenAPIV3Schema 'items' must be a schema, but is an array"
        case .schema(let items): if let error = initializationError(items) { return error }
        default: break
        }
        for child in node.properties.map({ Array($0.values) }) ?? [] {
            if let error = initializationError(child) { return error }
        }
        if let additional = node.additionalPropertiesSchema, let error = initializationError(additional) { return error }
        return nil
    }

    private static func nestedInitializationError(_ node: SchemaNode) -> String? {
        if let error = unsupportedFields(node) { return error }
        for nested in (node.allOf ?? []) + (node.anyOf ?? []) + (node.oneOf ?? []) + [node.not].compactMap({ $0 }) {
            if let error = nestedInitializationError(nested) { return error }
        }
        if node.preserveUnknownFields == false {
            return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined"
        }
        switch node.items {
        case .array(let list) where !list.isEmpty: return "OpenAPIV3Schema 'items' must be a schema, but is an array"
        case .schema(let items): if let error = nestedInitializationError(items) { return error }
        default: break
        }
        for child in node.properties.map({ Array($0.values) }) ?? [] {
            if let error = nestedInitializationError(child) { return error }
        }
        if let additional = node.additionalPropertiesSchema, let error = nestedInitializationError(additional) { return error }
        return nil
    }

    private static func unsupportedFields(_ node: SchemaNode) -> String? {
        if let id = node.id, !id.isEmpty { return "OpenAPIV3Schema 'id' is not supported" }
        if let uri = node.schemaURI, !uri.isEmpty { return "OpenAPIV3Schema 'schema' is not supported" }
        if let ref = node.ref, !ref.isEmpty { return "OpenAPIV3Schema '$ref' is not supported" }
        if let p = node.patternProperties, !p.isEmpty { return "OpenAPIV3Schema 'patternProperties' is not supported" }
        if let d = node.dependencies, !d.isEmpty { return "OpenAPIV3Schema 'dependencies' is not supported" }
        if node.additionalItems != nil { return "OpenAPIV3Schema 'additionalItems' is not supported" }
        if let d = node.definitions, !d.isEmpty { return "OpenAPIV3Schema 'definitions' is not supported" }
        return nil
    }

    /// All violations, sorted by message like the server.
    static func validate(_ node: SchemaNode, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        invariants(node, level: .root, path: path, into: &errors)
        completeness(node, path: path, into: &errors)
        errors.sort { $0.description.utf8.lexicographicallyPrecedes($1.description.utf8) }
        return errors
    }

    private static func invariants(_ s: SchemaNode, level: Level, path: FieldPath, into errors: inout [FieldError]) {
        if s.type == "array" && s.itemSchema == nil {
            errors.append(.required(path.child("items").string, "must be specified"))
        }
        if let items = s.itemSchema { invariants(items, level: .item, path: path.child("items"), into: &errors) }
        for (name, child) in s.properties ?? [:] {
            invariants(child, level: .field, path: path.child("properties").key(name), into: &errors)
        }
        if s.additionalProperties != nil {
            if level == .root {
                errors.append(.forbidden(path.child("additionalProperties").string, "must not be used at the root"))
            }
            if let additional = s.additionalPropertiesSchema {
                invariants(additional, level: .field, path: path.child("additionalProperties"), into: &errors)
            }
        }
        if s.intOrString && s.preservesUnknownFields {
            errors.append(.invalid(path.child("x-kubernetes-preserve-unknown-fields").string, .bool(true),
                                   "must be false if x-kubernetes-int-or-string is true"))
        }
        if s.intOrString && s.embeddedResource {
            errors.append(.invalid(path.child("x-kubernetes-embedded-resource").string, .bool(true),
                                   "must be false if x-kubernetes-int-or-string is true"))
        }
        valueValidation(s, skipAnyOf: isIntOrStringAnyOf(s.anyOf), skipFirstAllOfAnyOf: isIntOrStringAllOf(s),
                        level: level, path: path, into: &errors)

        let checkMetadata = level == .root || s.embeddedResource
        let type = s.type ?? ""
        if s.embeddedResource && type != "object" {
            if type.isEmpty {
                errors.append(.required(path.child("type").string, "must be object if x-kubernetes-embedded-resource is true"))
            } else {
                errors.append(.invalid(path.child("type").string, .string(type), "must be object if x-kubernetes-embedded-resource is true"))
            }
        } else if type.isEmpty && !s.intOrString && !s.preservesUnknownFields {
            let detail: String
            switch level {
            case .root: detail = "must not be empty at the root"
            case .item: detail = "must not be empty for specified array items"
            case .field: detail = "must not be empty for specified object fields"
            }
            errors.append(.required(path.child("type").string, detail))
        }
        if s.embeddedResource && s.additionalProperties != nil {
            errors.append(.forbidden(path.child("additionalProperties").string, "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if level == .root && !type.isEmpty && type != "object" {
            errors.append(.invalid(path.child("type").string, .string(type), "must be object at the root"))
        }
        for name in ["kind", "apiVersion"] {
            if let property = s.properties?[name], checkMetadata, property.type != "string" {
                errors.append(.invalid(path.child("properties").key(name).child("type").string,
                                       .string(property.type ?? ""), "must be string"))
            }
        }
        if let metadata = s.properties?["metadata"] {
            let metadataPath = path.child("properties").key("metadata")
            if checkMetadata && metadata.type != "object" {
                errors.append(.invalid(metadataPath.child("type").string, .string(metadata.type ?? ""), "must be object"))
            }
            if level == .root && !isPlainMetadata(metadata) {
                errors.append(.forbidden(metadataPath.string,
                                         "must not specify anything other than name and generateName, but metadata is implicitly specified"))
            }
        }
        if s.embeddedResource && !s.preservesUnknownFields && (s.properties ?? [:]).isEmpty {
            errors.append(.required(path.child("properties").string,
                                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
        }
    }

    /// The root `metadata` schema may only restrict `name` and `generateName` (plus `type`
    /// and a `default`, which API validation forbids separately).
    private static func isPlainMetadata(_ metadata: SchemaNode) -> Bool {
        guard case .object(let members) = metadata.raw else { return false }
        for (key, value) in members {
            switch key {
            case "type", "default":
                continue
            case "properties":
                guard case .object(let properties) = value else { return false }
                let names = Set(properties.keys)
                if !(names.isEmpty || names.isSubset(of: ["name", "generateName"])) { return false }
            default:
                // Zero values (false, empty) do not count as "specified".
                switch value {
                case .null, .bool(false): continue
                case .string(let s) where s.isEmpty: continue
                case .array(let a) where a.isEmpty: continue
                default: return false
                }
            }
        }
        return true
    }

    private static func isBareType(_ node: SchemaNode, _ type: String) -> Bool {
        guard case .object(let members) = node.raw, members.count == 1 else { return false }
        return members["type"] == .string(type)
    }

    private static func isIntOrStringAnyOf(_ anyOf: [SchemaNode]?) -> Bool {
        guard let anyOf, anyOf.count == 2 else { return false }
        return isBareType(anyOf[0], "integer") && isBareType(anyOf[1], "string")
    }

    private static func isIntOrStringAllOf(_ s: SchemaNode) -> Bool {
        guard let first = s.allOf?.first else { return false }
        return isIntOrStringAnyOf(first.anyOf)
    }

    private static func valueValidation(_ v: SchemaNode, skipAnyOf: Bool, skipFirstAllOfAnyOf: Bool, level: Level,
                                        path: FieldPath, into errors: inout [FieldError]) {
        if !skipAnyOf {
            for (i, nested) in (v.anyOf ?? []).enumerated() {
                nestedValueValidation(nested, skipAnyOf: false, level: level, path: path.child("anyOf").index(i), into: &errors)
            }
        }
        for (i, nested) in (v.allOf ?? []).enumerated() {
            nestedValueValidation(nested, skipAnyOf: skipFirstAllOfAnyOf && i == 0, level: level,
                                  path: path.child("allOf").index(i), into: &errors)
        }
        for (i, nested) in (v.oneOf ?? []).enumerated() {
            nestedValueValidation(nested, skipAnyOf: false, level: level, path: path.child("oneOf").index(i), into: &errors)
        }
        if let not = v.not {
            nestedValueValidation(not, skipAnyOf: false, level: level, path: path.child("not"), into: &errors)
        }
        if let pattern = v.pattern, !pattern.isEmpty, case .failure(let error)? = v.compiledPattern {
            errors.append(.invalid(path.child("pattern").string, .string(pattern),
                                   "must be a valid regular expression, but isn't: \(error.message)"))
        }
    }

    private static func nestedValueValidation(_ v: SchemaNode, skipAnyOf: Bool, level: Level, path: FieldPath,
                                              into errors: inout [FieldError]) {
        valueValidation(v, skipAnyOf: skipAnyOf, skipFirstAllOfAnyOf: false, level: level, path: path, into: &errors)
        if let items = v.itemSchema {
            nestedValueValidation(items, skipAnyOf: false, level: level, path: path.child("items"), into: &errors)
        }
        for (name, child) in v.properties ?? [:] {
            nestedValueValidation(child, skipAnyOf: false, level: .field, path: path.child("properties").key(name), into: &errors)
        }
        if let type = v.type, !type.isEmpty {
            errors.append(.forbidden(path.child("type").string, "must be empty to be structural"))
        }
        switch v.additionalProperties {
        case .schema?, .bool(true)?:
            errors.append(.forbidden(path.child("additionalProperties").string, "must be undefined to be structural"))
        default:
            break
        }
        if v.defaultValue != nil {
            errors.append(.forbidden(path.child("default").string, "must be undefined to be structural"))
        }
        if let title = v.title, !title.isEmpty {
            errors.append(.forbidden(path.child("title").string, "must be empty to be structural"))
        }
        if let description = v.description, !description.isEmpty {
            errors.append(.forbidden(path.child("description").string, "must be empty to be structural"))
        }
        if v.nullable {
            errors.append(.forbidden(path.child("nullable").string, "must be false to be structural"))
        }
        if v.preservesUnknownFields {
            errors.append(.forbidden(path.child("x-kubernetes-preserve-unknown-fields").string, "must be false to be structural"))
        }
        if v.embeddedResource {
            errors.append(.forbidden(path.child("x-kubernetes-embedded-resource").string, "must be false to be structural"))
        }
        if v.intOrString {
            errors.append(.forbidden(path.child("x-kubernetes-int-or-string").string, "must be false to be structural"))
        }
        if let keys = v.listMapKeys, !keys.isEmpty {
            errors.append(.forbidden(path.child("x-kubernetes-list-map-keys").string, "must be empty to be structural"))
        }
        if v.listType != nil {
            errors.append(.forbidden(path.child("x-kubernetes-list-type").string, "must be undefined to be structural"))
        }
        if v.mapType != nil {
            errors.append(.forbidden(path.child("x-kubernetes-map-type").string, "must be undefined to be structural"))
        }
        if let rules = v.validations, !rules.isEmpty {
            errors.append(.forbidden(path.child("x-kubernetes-validations").string, "must be empty to be structural"))
        }
        if v.properties?["metadata"] != nil {
            errors.append(.forbidden(path.child("properties").key("metadata").string, "must not be specified in a nested context"))
        }
    }

    // MARK: completeness

    /// Every field or list item named under value validation must also exist structurally.
    private static func completeness(_ s: SchemaNode, path: FieldPath, into errors: inout [FieldError]) {
        junctorCompleteness(s, structural: s, sPath: path, vPath: path, into: &errors)
    }

    private static func junctorCompleteness(_ v: SchemaNode, structural s: SchemaNode?, sPath: FieldPath, vPath: FieldPath,
                                            into errors: inout [FieldError]) {
        if let not = v.not { nestedCompleteness(not, structural: s, sPath: sPath, vPath: vPath.child("not"), into: &errors) }
        for (i, nested) in (v.allOf ?? []).enumerated() {
            nestedCompleteness(nested, structural: s, sPath: sPath, vPath: vPath.child("allOf").index(i), into: &errors)
        }
        for (i, nested) in (v.anyOf ?? []).enumerated() {
            nestedCompleteness(nested, structural: s, sPath: sPath, vPath: vPath.child("anyOf").index(i), into: &errors)
        }
        for (i, nested) in (v.oneOf ?? []).enumerated() {
            nestedCompleteness(nested, structural: s, sPath: sPath, vPath: vPath.child("oneOf").index(i), into: &errors)
        }
    }

    private static func nestedCompleteness(_ v: SchemaNode, structural s: SchemaNode?, sPath: FieldPath, vPath: FieldPath,
                                           into errors: inout [FieldError]) {
        guard let s else {
            errors.append(.required(sPath.string, "because it is defined in \(vPath.string)"))
            return
        }
        junctorCompleteness(v, structural: s, sPath: sPath, vPath: vPath, into: &errors)
        if let items = v.itemSchema {
            nestedCompleteness(items, structural: s.itemSchema, sPath: sPath.child("items"), vPath: vPath.child("items"), into: &errors)
        }
        for (name, child) in v.properties ?? [:] {
            let sChildPath = sPath.child("properties").key(name)
            let vChildPath = vPath.child("properties").key(name)
            if let structuralChild = s.properties?[name] {
                nestedCompleteness(child, structural: structuralChild, sPath: sChildPath, vPath: vChildPath, into: &errors)
            } else {
                errors.append(.required(sChildPath.string, "because it is defined in \(vChildPath.string)"))
            }
        }
    }
}
