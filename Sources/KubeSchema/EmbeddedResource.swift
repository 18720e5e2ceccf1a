import JSON
import OrderedCollections

/// `x-kubernetes-embedded-resource` values: their `apiVersion`, `kind` and `metadata` are
/// checked and their metadata is coerced to `ObjectMeta`, like `schema/objectmeta` does.
enum EmbeddedResource {
    /// The fields of `metav1.ObjectMeta`; anything else in embedded metadata is dropped.
    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        "ownerReferences", "finalizers", "managedFields",
    ]

    // MARK: Validation

    /// Walks `value` and checks every embedded resource below it (`objectmeta.Validate`).
    static func validate(_ value: JSONValue, _ node: SchemaNode?, path: FieldPath, into errors: inout [FieldError]) {
        guard let node else { return }
        switch value {
        case .object(let members):
            if node.embeddedResource {
                errors += validateResource(members, path: path)
            }
            for (key, member) in members {
                if let child = node.properties?[key] {
                    validate(member, child, path: path.child(key), into: &errors)
                } else if case .schema(let values) = node.additionalProperties {
                    validate(member, values, path: path.key(key), into: &errors)
                }
            }
        case .array(let items):
            for (i, item) in items.enumerated() { validate(item, node.itemSchema, path: path.index(i), into: &errors) }
        default:
            break
        }
    }

    static func validateResource(_ members: OrderedDictionary<String, JSONValue>, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if members["apiVersion"] == nil { errors.append(.required(path.child("apiVersion").string)) }
        if members["kind"] == nil { errors.append(.required(path.child("kind").string)) }
        if let apiVersion = members["apiVersion"] {
            let field = path.child("apiVersion").string
            if case .string(let text) = apiVersion {
                if text.isEmpty {
                    errors.append(.invalid(field, apiVersion, "must not be empty"))
                } else if text.filter({ $0 == "/" }).count > 1 {
                    errors.append(.invalid(field, apiVersion, "unexpected GroupVersion string: \(text)"))
                }
            } else {
                errors.append(.invalid(field, apiVersion, "must be a string"))
            }
        }
        if let kind = members["kind"] {
            let field = path.child("kind").string
            if case .string(let text) = kind {
                if text.isEmpty {
                    errors.append(.invalid(field, kind, "must not be empty"))
                } else {
                    let problems = NameValidation.isDNS1035Label(text.lowercased())
                    if !problems.isEmpty {
                        errors.append(.invalid(field, kind, "may have mixed case, but should otherwise match: " + problems.joined(separator: ",")))
                    }
                }
            } else {
                errors.append(.invalid(field, kind, "must be a string"))
            }
        }
        if let metadata = members["metadata"] {
            errors += ObjectMetaValidation.validateEmbedded(metadata, path: path.child("metadata"))
        }
        return errors
    }

    // MARK: Coercion

    /// `objectmeta.Coerce` on a request: drops unknown fields of embedded metadata (returning
    /// their paths) and re-encodes it like `ObjectMeta` does (`creationTimestamp: null` appears).
    static func coerce(_ value: inout JSONValue, _ node: SchemaNode?, path: String, unknown: inout [String]) {
        guard let node else { return }
        switch value {
        case .object(var members):
            value = .null // release the storage while editing
            if node.embeddedResource, case .object(var meta)? = members["metadata"] {
                for key in meta.keys where !objectMetaFields.contains(key) {
                    meta[key] = nil
                    unknown.append(join(join(path, "metadata"), key))
                }
                if meta["creationTimestamp"] == nil { meta["creationTimestamp"] = .null }
                members["metadata"] = .object(meta)
            }
            for key in members.keys {
                let metaField = node.embeddedResource && (key == "metadata" || key == "apiVersion" || key == "kind")
                if metaField { continue }
                let child: SchemaNode? = node.properties?[key] ?? node.additionalPropertiesSchema
                guard let child, var member = members[key] else { continue }
                coerce(&member, child, path: join(path, key), unknown: &unknown)
                members[key] = member
            }
            value = .object(members)
        case .array(var items):
            value = .null
            for i in items.indices { coerce(&items[i], node.itemSchema, path: path + "[\(i)]", unknown: &unknown) }
            value = .array(items)
        default:
            break
        }
    }

    static func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : parent + "." + key }
}
