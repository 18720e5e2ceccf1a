import JSON
import OrderedCollections

extension SchemaNode {
    /// Decodes a `JSONSchemaProps` object. Keywords of the wrong JSON type are reported in
    /// `errors` (the real server refuses such a CRD while decoding it) and then ignored;
    /// unknown keywords are ignored like the server's default field validation does.
    static func decode(_ json: JSONValue, path: FieldPath, errors: inout [FieldError]) -> SchemaNode {
        guard case .object(let members) = json else {
            errors.append(decodeError(path, json, expected: "object", goType: "v1.JSONSchemaProps"))
            return SchemaNode(raw: json, fields: Fields())
        }
        var f = Fields()
        var d = Decoder(path: path)
        for (key, value) in members {
            switch key {
            case "id": f.id = d.string(key, value)
            case "$schema": f.schemaURI = d.string(key, value)
            case "$ref": f.ref = d.string(key, value)
            case "description": f.description = d.string(key, value)
            case "type": f.type = d.string(key, value)
            case "format": f.format = d.string(key, value)
            case "title": f.title = d.string(key, value)
            // A JSON null default decodes to "no default" in the server's types.
            case "default": f.defaultValue = value.isNull ? nil : value
            case "maximum": f.maximum = d.number(key, value)
            case "exclusiveMaximum": f.exclusiveMaximum = d.bool(key, value) ?? false
            case "minimum": f.minimum = d.number(key, value)
            case "exclusiveMinimum": f.exclusiveMinimum = d.bool(key, value) ?? false
            case "maxLength": f.maxLength = d.integer(key, value)
            case "minLength": f.minLength = d.integer(key, value)
            case "pattern": f.pattern = d.string(key, value)
            case "maxItems": f.maxItems = d.integer(key, value)
            case "minItems": f.minItems = d.integer(key, value)
            case "uniqueItems": f.uniqueItems = d.bool(key, value) ?? false
            case "multipleOf": f.multipleOf = d.number(key, value)
            case "enum": f.enumValues = d.array(key, value)
            case "maxProperties": f.maxProperties = d.integer(key, value)
            case "minProperties": f.minProperties = d.integer(key, value)
            case "required": f.required = d.strings(key, value)
            case "items":
                if case .array(let list) = value {
                    f.items = .array(list.enumerated().map { i, item in
                        decode(item, path: path.child("items").index(i), errors: &d.errors)
                    })
                } else if !value.isNull {
                    f.items = .schema(decode(value, path: path.child("items"), errors: &d.errors))
                }
            case "allOf": f.allOf = d.schemas(key, value)
            case "oneOf": f.oneOf = d.schemas(key, value)
            case "anyOf": f.anyOf = d.schemas(key, value)
            case "not": if !value.isNull { f.not = decode(value, path: path.child("not"), errors: &d.errors) }
            case "properties": f.properties = d.schemaMap(key, value)
            case "additionalProperties": f.additionalProperties = d.schemaOrBool(key, value)
            case "patternProperties": f.patternProperties = d.schemaMap(key, value)
            case "dependencies": f.dependencies = d.dependencies(key, value)
            case "additionalItems": f.additionalItems = d.schemaOrBool(key, value)
            case "definitions": f.definitions = d.schemaMap(key, value)
            case "externalDocs": f.externalDocs = value.isNull ? nil : value
            case "example": f.example = value.isNull ? nil : value
            case "nullable": f.nullable = d.bool(key, value) ?? false
            case "x-kubernetes-preserve-unknown-fields": f.preserveUnknownFields = d.bool(key, value)
            case "x-kubernetes-embedded-resource": f.embeddedResource = d.bool(key, value) ?? false
            case "x-kubernetes-int-or-string": f.intOrString = d.bool(key, value) ?? false
            case "x-kubernetes-list-map-keys": f.listMapKeys = d.strings(key, value)
            case "x-kubernetes-list-type": f.listType = d.string(key, value)
            case "x-kubernetes-map-type": f.mapType = d.string(key, value)
            case "x-kubernetes-validations": f.validations = d.rules(key, value)
            default: break
            }
        }
        errors += d.errors
        return SchemaNode(raw: json, fields: f)
    }

    static func decodeError(_ path: FieldPath, _ value: JSONValue, expected: String, goType: String) -> FieldError {
        .invalid(path.string, value,
                 "cannot unmarshal \(goJSONTypeName(value)) into a field of type \(goType) (expected \(expected))")
    }

    /// The JSON type names Go's decoder uses in its errors.
    static func goJSONTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Keyword-by-keyword decoding with error collection.
    private struct Decoder {
        let path: FieldPath
        var errors: [FieldError] = []

        init(path: FieldPath) { self.path = path }

        mutating func fail(_ key: String, _ value: JSONValue, _ expected: String, _ goType: String) {
            errors.append(SchemaNode.decodeError(path.child(key), value, expected: expected, goType: goType))
        }

        mutating func string(_ key: String, _ value: JSONValue) -> String? {
            switch value {
            case .null: return nil
            case .string(let s): return s
            default: fail(key, value, "string", "string"); return nil
            }
        }

        mutating func bool(_ key: String, _ value: JSONValue) -> Bool? {
            switch value {
            case .null: return nil
            case .bool(let b): return b
            default: fail(key, value, "boolean", "bool"); return nil
            }
        }

        mutating func number(_ key: String, _ value: JSONValue) -> Double? {
            switch value {
            case .null: return nil
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: fail(key, value, "number", "float64"); return nil
            }
        }

        mutating func integer(_ key: String, _ value: JSONValue) -> Int64? {
            switch value {
            case .null: return nil
            case .int(let i): return i
            default: fail(key, value, "integer", "int64"); return nil
            }
        }

        mutating func array(_ key: String, _ value: JSONValue) -> [JSONValue]? {
            switch value {
            case .null: return nil
            case .array(let a): return a
            default: fail(key, value, "array", "[]v1.JSON"); return nil
            }
        }

        mutating func strings(_ key: String, _ value: JSONValue) -> [String]? {
            switch value {
            case .null: return nil
            case .array(let a):
                var out: [String] = []
                for (i, element) in a.enumerated() {
                    if case .string(let s) = element {
                        out.append(s)
                    } else {
                        errors.append(SchemaNode.decodeError(path.child(key).index(i), element, expected: "string", goType: "string"))
                    }
                }
                return out
            default: fail(key, value, "array of strings", "[]string"); return nil
            }
        }

        mutating func schemas(_ key: String, _ value: JSONValue) -> [SchemaNode]? {
            switch value {
            case .null: return nil
            case .array(let a):
                return a.enumerated().map { i, element in
                    SchemaNode.decode(element, path: path.child(key).index(i), errors: &errors)
                }
            default: fail(key, value, "array of schemas", "[]v1.JSONSchemaProps"); return nil
            }
        }

        mutating func schemaMap(_ key: String, _ value: JSONValue) -> OrderedDictionary<String, SchemaNode>? {
            switch value {
            case .null: return nil
            case .object(let members):
                var out = OrderedDictionary<String, SchemaNode>()
                for (name, element) in members {
                    out[name] = SchemaNode.decode(element, path: path.child(key).key(name), errors: &errors)
                }
                return out
            default: fail(key, value, "object of schemas", "map[string]v1.JSONSchemaProps"); return nil
            }
        }

        mutating func schemaOrBool(_ key: String, _ value: JSONValue) -> SchemaOrBool? {
            switch value {
            case .null: return nil
            case .bool(let b): return .bool(b)
            case .object: return .schema(SchemaNode.decode(value, path: path.child(key), errors: &errors))
            default: fail(key, value, "schema or boolean", "v1.JSONSchemaPropsOrBool"); return nil
            }
        }

        mutating func dependencies(_ key: String, _ value: JSONValue) -> OrderedDictionary<String, Dependency>? {
            switch value {
            case .null: return nil
            case .object(let members):
                var out = OrderedDictionary<String, Dependency>()
                for (name, element) in members {
                    switch element {
                    case .array(let list):
                        out[name] = .properties(list.compactMap(\.stringValue))
                    default:
                        out[name] = .schema(SchemaNode.decode(element, path: path.child(key).key(name), errors: &errors))
                    }
                }
                return out
            default: fail(key, value, "object", "v1.JSONSchemaDependencies"); return nil
            }
        }

        mutating func rules(_ key: String, _ value: JSONValue) -> [CELRule]? {
            switch value {
            case .null: return nil
            case .array(let list):
                var out: [CELRule] = []
                for (i, element) in list.enumerated() {
                    guard case .object(let members) = element else {
                        errors.append(SchemaNode.decodeError(path.child(key).index(i), element, expected: "object", goType: "v1.ValidationRule"))
                        continue
                    }
                    var rule = CELRule(path: "", rule: "")
                    for (name, field) in members {
                        let fieldPath = path.child(key).index(i).child(name)
                        switch (name, field) {
                        case (_, .null): break
                        case ("rule", .string(let s)): rule.rule = s
                        case ("message", .string(let s)): rule.message = s
                        case ("messageExpression", .string(let s)): rule.messageExpression = s
                        case ("reason", .string(let s)): rule.reason = s
                        case ("fieldPath", .string(let s)): rule.fieldPath = s
                        case ("optionalOldSelf", .bool(let b)): rule.optionalOldSelf = b
                        case ("optionalOldSelf", _):
                            errors.append(SchemaNode.decodeError(fieldPath, field, expected: "boolean", goType: "bool"))
                        case ("rule", _), ("message", _), ("messageExpression", _), ("reason", _), ("fieldPath", _):
                            errors.append(SchemaNode.decodeError(fieldPath, field, expected: "string", goType: "string"))
                        default: break
                        }
                    }
                    out.append(rule)
                }
                return out
            default: fail(key, value, "array", "v1.ValidationRules"); return nil
            }
        }
    }
}
