import JSON

/// Everything the server checks about one `openAPIV3Schema` when a CRD is created
/// (`validateCustomResourceDefinitionValidation` with the v1 create options): root
/// restrictions, structural invariants, defaults, then the per-node OpenAPI rules
/// (`ValidateCustomResourceDefinitionOpenAPISchema`).
enum SchemaChecks {
    static let openAPIV3Types = ["array", "boolean", "integer", "number", "object", "string"]
    static let supportedRuleReasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]

    /// The JSONSchemaProps fields allowed at the root when the status subresource is enabled,
    /// in Go's wording (struct field names).
    static let allowedFieldsAtRoot = [
        "Description", "Type", "Format", "Title", "Maximum", "ExclusiveMaximum", "Minimum", "ExclusiveMinimum",
        "MaxLength", "MinLength", "Pattern", "MaxItems", "MinItems", "UniqueItems", "MultipleOf", "Required",
        "Items", "Properties", "ExternalDocs", "Example", "XPreserveUnknownFields", "XValidations",
    ]

    /// JSON keys in `JSONSchemaProps` struct order, with their Go field names.
    static let rootFieldOrder: [(key: String, goName: String)] = [
        ("id", "ID"), ("$schema", "Schema"), ("$ref", "Ref"), ("description", "Description"), ("type", "Type"),
        ("format", "Format"), ("title", "Title"), ("default", "Default"), ("maximum", "Maximum"),
        ("exclusiveMaximum", "ExclusiveMaximum"), ("minimum", "Minimum"), ("exclusiveMinimum", "ExclusiveMinimum"),
        ("maxLength", "MaxLength"), ("minLength", "MinLength"), ("pattern", "Pattern"), ("maxItems", "MaxItems"),
        ("minItems", "MinItems"), ("uniqueItems", "UniqueItems"), ("multipleOf", "MultipleOf"), ("enum", "Enum"),
        ("maxProperties", "MaxProperties"), ("minProperties", "MinProperties"), ("required", "Required"),
        ("items", "Items"), ("allOf", "AllOf"), ("oneOf", "OneOf"), ("anyOf", "AnyOf"), ("not", "Not"),
        ("properties", "Properties"), ("additionalProperties", "AdditionalProperties"),
        ("patternProperties", "PatternProperties"), ("dependencies", "Dependencies"),
        ("additionalItems", "AdditionalItems"), ("definitions", "Definitions"), ("externalDocs", "ExternalDocs"),
        ("example", "Example"), ("nullable", "Nullable"), ("x-kubernetes-preserve-unknown-fields", "XPreserveUnknownFields"),
        ("x-kubernetes-embedded-resource", "XEmbeddedResource"), ("x-kubernetes-int-or-string", "XIntOrString"),
        ("x-kubernetes-list-map-keys", "XListMapKeys"), ("x-kubernetes-list-type", "XListType"),
        ("x-kubernetes-map-type", "XMapType"), ("x-kubernetes-validations", "XValidations"),
    ]

    /// All violations of the schema at `path` (the `...openAPIV3Schema` path).
    static func check(_ node: SchemaNode, path: FieldPath, statusSubresource: Bool = false) -> [FieldError] {
        var errors: [FieldError] = []
        if statusSubresource {
            errors += statusRootRestrictions(node, path: path)
        }
        if node.nullable {
            errors.append(.forbidden(path.child("nullable").string, "nullable cannot be true at the root"))
        }
        var initErrors: [FieldError] = []
        if let message = StructuralInvariants.initializationError(node) {
            initErrors.append(.invalid(path.string, .string(""), message))
        } else {
            let structural = StructuralInvariants.validate(node, path: path)
            if !structural.isEmpty {
                errors += structural
            } else {
                errors += DefaultsValidation.validate(node, path: path)
            }
        }
        var context = Context()
        openAPISchema(node, path: path, context: &context, isRoot: true, into: &errors)
        if errors.isEmpty { errors += initErrors }
        return errors
    }

    /// With the status subresource, the root may only use fields that survive extracting
    /// `properties.status` (first offending field only, in struct order).
    private static func statusRootRestrictions(_ node: SchemaNode, path: FieldPath) -> [FieldError] {
        guard case .object(let members) = node.raw else { return [] }
        for (key, goName) in rootFieldOrder {
            guard let value = members[key], !isZero(value) else { continue }
            if goName == "Type" {
                if node.type != "object" {
                    return [.invalid(path.child("type").string, value,
                                     #"only "object" is allowed as the type at the root of the schema if the status subresource is enabled"#)]
                }
                continue
            }
            if !allowedFieldsAtRoot.contains(goName) {
                return [.invalid(path.string, node.raw,
                                 "only [\(allowedFieldsAtRoot.joined(separator: " "))] fields are allowed at the root of the schema if the status subresource is enabled")]
            }
        }
        return []
    }

    private static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false): return true
        case .string(let s): return s.isEmpty
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        default: return false
        }
    }

    /// The per-subtree state of Go's `specStandardValidator`.
    struct Context {
        var allowDefaults = true
        var disallowDefaultsReason = ""
        var insideResourceMeta = false
    }

    static func openAPISchema(_ s: SchemaNode, path: FieldPath, context: inout Context, isRoot: Bool,
                              into errors: inout [FieldError]) {
        standardChecks(s, path: path, context: context, into: &errors)
        if s.uniqueItems {
            errors.append(.forbidden(path.child("uniqueItems").string,
                                     "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if let additional = s.additionalProperties {
            if let properties = s.properties, !properties.isEmpty {
                switch additional {
                case .bool(true): break
                default:
                    errors.append(.forbidden(path.child("additionalProperties").string,
                                             "additionalProperties and properties are mutual exclusive"))
                }
            }
            if case .schema(let child) = additional {
                var sub = context
                if context.insideResourceMeta {
                    sub.allowDefaults = false
                    sub.disallowDefaultsReason = "inside additionalProperties applying to object metadata"
                }
                openAPISchema(child, path: path.child("additionalProperties"), context: &sub, isRoot: false, into: &errors)
            }
        }
        for (name, child) in s.properties ?? [:] {
            var sub = context
            if (isRoot || s.embeddedResource) && Pruner.metaFields.contains(name) {
                sub.insideResourceMeta = true
                if isRoot {
                    sub.allowDefaults = false
                    sub.disallowDefaultsReason = "in top-level \(name)"
                }
            }
            openAPISchema(child, path: path.child("properties").key(name), context: &sub, isRoot: false, into: &errors)
        }
        if let not = s.not {
            var sub = context
            openAPISchema(not, path: path.child("not"), context: &sub, isRoot: false, into: &errors)
        }
        for (label, list) in [("allOf", s.allOf), ("oneOf", s.oneOf), ("anyOf", s.anyOf)] {
            for (i, child) in (list ?? []).enumerated() {
                var sub = context
                openAPISchema(child, path: path.child(label).index(i), context: &sub, isRoot: false, into: &errors)
            }
        }
        for (name, child) in s.definitions ?? [:] {
            var sub = context
            openAPISchema(child, path: path.child("definitions").key(name), context: &sub, isRoot: false, into: &errors)
        }
        switch s.items {
        case .schema(let child):
            var sub = context
            openAPISchema(child, path: path.child("items"), context: &sub, isRoot: false, into: &errors)
        case .array(let list):
            for (i, child) in list.enumerated() {
                var sub = context
                openAPISchema(child, path: path.child("items").index(i), context: &sub, isRoot: false, into: &errors)
            }
        case nil:
            break
        }
        for (name, dependency) in s.dependencies ?? [:] {
            if case .schema(let child) = dependency {
                var sub = context
                openAPISchema(child, path: path.child("dependencies").key(name), context: &sub, isRoot: false, into: &errors)
            }
        }
        extensionChecks(s, path: path, into: &errors)
        ruleChecks(s, path: path, resourceRoot: isRoot || s.embeddedResource, into: &errors)
    }

    /// `specStandardValidatorV3.validate`.
    private static func standardChecks(_ s: SchemaNode, path: FieldPath, context: Context, into errors: inout [FieldError]) {
        if let type = s.type, !type.isEmpty, !openAPIV3Types.contains(type) {
            errors.append(.notSupported(path.child("type").string, .string(type), supported: openAPIV3Types))
        }
        if s.defaultValue != nil && !context.allowDefaults {
            var detail = "must not be set"
            if !context.disallowDefaultsReason.isEmpty { detail += " " + context.disallowDefaultsReason }
            errors.append(.forbidden(path.child("default").string, detail))
        }
        if let id = s.id, !id.isEmpty { errors.append(.forbidden(path.child("id").string, "id is not supported")) }
        if s.additionalItems != nil {
            errors.append(.forbidden(path.child("additionalItems").string, "additionalItems is not supported"))
        }
        if let p = s.patternProperties, !p.isEmpty {
            errors.append(.forbidden(path.child("patternProperties").string, "patternProperties is not supported"))
        }
        if let d = s.definitions, !d.isEmpty {
            errors.append(.forbidden(path.child("definitions").string, "definitions is not supported"))
        }
        if s.dependencies != nil {
            errors.append(.forbidden(path.child("dependencies").string, "dependencies is not supported"))
        }
        if s.ref != nil { errors.append(.forbidden(path.child("$ref").string, "$ref is not supported")) }
        if s.type == "null" {
            errors.append(.forbidden(path.child("type").string, "type cannot be set to null, use nullable as an alternative"))
        }
        if case .array(let list) = s.items, !list.isEmpty {
            errors.append(.forbidden(path.child("items").string, "items must be a schema object and not an array"))
        }
        if context.insideResourceMeta && s.embeddedResource {
            errors.append(.forbidden(path.child("x-kubernetes-embedded-resource").string, "must not be used inside of resource meta"))
        }
    }

    /// The `x-kubernetes-*` consistency rules (after the children, like Go).
    private static func extensionChecks(_ s: SchemaNode, path: FieldPath, into errors: inout [FieldError]) {
        let type = s.type ?? ""
        if s.preserveUnknownFields == false {
            errors.append(.invalid(path.child("x-kubernetes-preserve-unknown-fields").string, .bool(false), "must be true or undefined"))
        }
        if s.mapType != nil && type != "object" {
            if type.isEmpty {
                errors.append(.required(path.child("type").string, "must be object if x-kubernetes-map-type is specified"))
            } else {
                errors.append(.invalid(path.child("type").string, .string(type), "must be object if x-kubernetes-map-type is specified"))
            }
        }
        if let mapType = s.mapType, mapType != "atomic" && mapType != "granular" {
            errors.append(.notSupported(path.child("x-kubernetes-map-type").string, .string(mapType), supported: ["atomic", "granular"]))
        }
        if s.listType != nil && type != "array" {
            if type.isEmpty {
                errors.append(.required(path.child("type").string, "must be array if x-kubernetes-list-type is specified"))
            } else {
                errors.append(.invalid(path.child("type").string, .string(type), "must be array if x-kubernetes-list-type is specified"))
            }
        } else if s.listType == "set", let items = s.itemSchema {
            switch items.type {
            case "array":
                if let itemListType = items.listType, itemListType != "atomic" {
                    errors.append(.invalid(path.child("items").child("x-kubernetes-list-type").string, .string(itemListType),
                                           "must be atomic as item of a list with x-kubernetes-list-type=set"))
                }
            case "object":
                if items.mapType != "atomic" {
                    // Go prints the item's list type here (a quirk kept for identical messages).
                    errors.append(.invalid(path.child("items").child("x-kubernetes-map-type").string,
                                           items.listType.map(JSONValue.string) ?? .null,
                                           "must be atomic as item of a list with x-kubernetes-list-type=set"))
                }
            default:
                break
            }
        }
        if let listType = s.listType, !["atomic", "set", "map"].contains(listType) {
            errors.append(.notSupported(path.child("x-kubernetes-list-type").string, .string(listType), supported: ["atomic", "set", "map"]))
        }
        let mapKeys = s.listMapKeys ?? []
        if !mapKeys.isEmpty {
            if s.listType == nil {
                errors.append(.required(path.child("x-kubernetes-list-type").string, "must be map if x-kubernetes-list-map-keys is non-empty"))
            } else if let listType = s.listType, listType != "map" {
                errors.append(.invalid(path.child("x-kubernetes-list-type").string, .string(listType),
                                       "must be map if x-kubernetes-list-map-keys is non-empty"))
            }
        }
        if s.listType == "map" {
            if mapKeys.isEmpty {
                errors.append(.required(path.child("x-kubernetes-list-map-keys").string, "must not be empty if x-kubernetes-list-type is map"))
            }
            switch s.items {
            case nil:
                errors.append(.required(path.child("items").string, "must have a schema if x-kubernetes-list-type is map"))
            case .array:
                errors.append(.invalid(path.child("items").string, s.raw["items"] ?? .null,
                                       "must only have a single schema if x-kubernetes-list-type is map"))
            case .schema(let items):
                let itemType = items.type ?? ""
                if itemType != "object" {
                    errors.append(.invalid(path.child("items").child("type").string, .string(itemType),
                                           "must be object if parent array's x-kubernetes-list-type is map"))
                } else {
                    var seen = Set<String>()
                    let keysValue = JSONValue.array(mapKeys.map(JSONValue.string))
                    for key in mapKeys {
                        if let property = items.properties?[key] {
                            if property.type == "array" || property.type == "object" {
                                errors.append(.invalid(path.child("items").child("properties").key(key).child("type").string,
                                                       .string(itemType),
                                                       "must be a scalar type if parent array's x-kubernetes-list-type is map"))
                            }
                        } else {
                            errors.append(.invalid(path.child("x-kubernetes-list-map-keys").string, keysValue,
                                                   "entries must all be names of item properties"))
                        }
                        if !seen.insert(key).inserted {
                            errors.append(.invalid(path.child("x-kubernetes-list-map-keys").string, keysValue,
                                                   "must not contain duplicate entries"))
                        }
                    }
                }
            }
        }
        errors += mapListKeysMapSet(s, path: path)
    }

    /// `validateMapListKeysMapSet`: items of sets and maps are not nullable; map keys are
    /// required or defaulted and not nullable.
    static func mapListKeysMapSet(_ s: SchemaNode, path: FieldPath) -> [FieldError] {
        guard let items = s.itemSchema, let listType = s.listType, listType == "set" || listType == "map" else { return [] }
        var errors: [FieldError] = []
        if items.nullable {
            errors.append(.forbidden(path.child("items").child("nullable").string, "cannot be nullable when x-kubernetes-list-type is " + listType))
        }
        if listType == "map" {
            let required = Set(items.required ?? [])
            for key in s.listMapKeys ?? [] {
                guard let property = items.properties?[key] else { continue }
                if !required.contains(key) && property.defaultValue == nil {
                    errors.append(.required(path.child("items").child("properties").key(key).child("default").string,
                                            "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"))
                }
                if property.nullable {
                    errors.append(.forbidden(path.child("items").child("properties").key(key).child("nullable").string,
                                             "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"))
                }
            }
        }
        return errors
    }

    /// The checks of `x-kubernetes-validations`: the static ones, then compiling each rule
    /// (`CELProgram.check`) against the node's type.
    private static func ruleChecks(_ s: SchemaNode, path: FieldPath, resourceRoot: Bool, into errors: inout [FieldError]) {
        for (i, rule) in (s.validations ?? []).enumerated() {
            let rulePath = path.child("x-kubernetes-validations").index(i)
            let trimmedRule = rule.rule.goTrimSpace
            let message = rule.message ?? ""
            let trimmedMessage = message.goTrimSpace
            if trimmedRule.isEmpty {
                errors.append(.required(rulePath.child("rule").string, "rule is not specified"))
            } else if !message.isEmpty && trimmedMessage.isEmpty {
                errors.append(.invalid(rulePath.child("message").string, .string(message), "message must be non-empty if specified"))
            } else if hasNewlines(trimmedMessage) {
                errors.append(.invalid(rulePath.child("message").string, .string(message), "message must not contain line breaks"))
            } else if hasNewlines(trimmedRule) && trimmedMessage.isEmpty {
                errors.append(.required(rulePath.child("message").string, "message must be specified if rule contains line breaks"))
            }
            if let expression = rule.messageExpression, !expression.isEmpty,
               expression.goTrimSpace.isEmpty {
                errors.append(.required(rulePath.child("messageExpression").string, "messageExpression must be non-empty if specified"))
            }
            if let reason = rule.reason, !supportedRuleReasons.contains(reason) {
                errors.append(.notSupported(rulePath.child("reason").string, .string(reason), supported: supportedRuleReasons))
            }
            if let fieldPath = rule.fieldPath {
                if !fieldPath.isEmpty && fieldPath.goTrimSpace.isEmpty {
                    errors.append(.invalid(rulePath.child("fieldPath").string, .string(fieldPath), "fieldPath must be non-empty if specified"))
                }
                if hasNewlines(fieldPath) {
                    errors.append(.invalid(rulePath.child("fieldPath").string, .string(fieldPath), "fieldPath must not contain line breaks"))
                }
                if !fieldPath.isEmpty && !SchemaFieldPath.isValid(fieldPath, in: s) {
                    errors.append(.invalid(rulePath.child("fieldPath").string, .string(fieldPath), "fieldPath must be a valid path"))
                }
            }
        }
        for (i, program) in s.celPrograms.enumerated() {
            let rulePath = path.child("x-kubernetes-validations").index(i)
            let (ruleError, messageError) = program.check(node: s, resourceRoot: resourceRoot)
            // The server prints the whole ValidationRule struct (`%#v`) as the bad value.
            if let ruleError {
                errors.append(FieldError(kind: .invalid, field: rulePath.child("rule").string, badValue: nil,
                                         detail: program.rule.goSyntax + ": " + ruleError))
            }
            if let messageError {
                errors.append(FieldError(kind: .invalid, field: rulePath.child("messageExpression").string, badValue: nil,
                                         detail: program.rule.goSyntax + ": " + messageError))
            }
        }
    }

    private static func hasNewlines(_ s: String) -> Bool { s.contains("\n") || s.contains("\r") }
}
