import JSON

/// `metav1validation.ValidateObjectMeta` for embedded resources (with `path.ValidatePathSegmentName`
/// for names, a namespace only checked when present), limited to the fields an embedded
/// object realistically carries: names, namespace, labels, annotations, generation.
enum ObjectMetaValidation {
    static let totalAnnotationSizeLimit = 256 * 1024

    static func validateEmbedded(_ metadata: JSONValue, path: FieldPath) -> [FieldError] {
        guard case .object(let meta) = metadata else {
            return [.invalid(path.string, metadata, "must be an object")]
        }
        var errors: [FieldError] = []
        for key in ["name", "generateName", "namespace"] {
            if let value = meta[key], !value.isNull, value.stringValue == nil {
                errors.append(.invalid(path.child(key).string, value, "must be a string"))
            }
        }
        let generateName = meta["generateName"]?.stringValue ?? ""
        // The server validates embedded metadata with a placeholder name when none is set.
        let name = meta["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "fakename"
        let namespace = meta["namespace"]?.stringValue ?? ""
        if !generateName.isEmpty {
            for message in NameValidation.isValidPathSegmentName(generateName, prefix: true) {
                errors.append(.invalid(path.child("generateName").string, .string(generateName), message))
            }
        }
        for message in NameValidation.isValidPathSegmentName(name, prefix: false) {
            errors.append(.invalid(path.child("name").string, .string(name), message))
        }
        if !namespace.isEmpty {
            for message in NameValidation.isDNS1123Label(namespace) {
                errors.append(.invalid(path.child("namespace").string, .string(namespace), message))
            }
        }
        if let generation = meta["generation"], let value = generation.intValue, value < 0 {
            errors.append(.invalid(path.child("generation").string, generation, "must be greater than or equal to 0"))
        }
        errors += validateLabels(meta["labels"], path: path.child("labels"))
        errors += validateAnnotations(meta["annotations"], path: path.child("annotations"))
        return errors
    }

    /// `ValidateLabels`: keys are qualified names, values label values.
    static func validateLabels(_ labels: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let labels, !labels.isNull else { return [] }
        guard case .object(let members) = labels else { return [.invalid(path.string, labels, "must be a map of strings")] }
        var errors: [FieldError] = []
        for (key, value) in members {
            for message in NameValidation.isQualifiedName(key) {
                errors.append(.invalid(path.string, .string(key), message))
            }
            guard case .string(let text) = value else {
                errors.append(.invalid(path.key(key).string, value, "must be a string"))
                continue
            }
            for message in NameValidation.isValidLabelValue(text) {
                errors.append(.invalid(path.key(key).string, value, message))
            }
        }
        return errors
    }

    /// `ValidateAnnotations`: keys are (lower-cased) qualified names, 256 KiB in total.
    static func validateAnnotations(_ annotations: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let annotations, !annotations.isNull else { return [] }
        guard case .object(let members) = annotations else {
            return [.invalid(path.string, annotations, "must be a map of strings")]
        }
        var errors: [FieldError] = []
        var total = 0
        for (key, value) in members {
            for message in NameValidation.isQualifiedName(key.lowercased()) {
                errors.append(.invalid(path.string, .string(key), message))
            }
            total += key.utf8.count + (value.stringValue?.utf8.count ?? 0)
        }
        if total > totalAnnotationSizeLimit {
            errors.append(.tooLong(path.string, maxLength: Int64(totalAnnotationSizeLimit)))
        }
        return errors
    }
}
