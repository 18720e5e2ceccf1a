public import JSON

/// Validation of a `CustomResourceDefinition` object itself, as kube-apiserver v1.36 does on
/// create and update (`ValidateCustomResourceDefinition`): metadata name (`plural.group`),
/// group, scope, names, versions (unique, exactly one storage version), every version's
/// schema (structural, defaults, list types, CEL rule shapes), subresources, printer
/// columns, selectable fields, conversion, stored versions, API approval for protected groups.
///
/// Not covered: compiling and costing CEL expressions (syntax errors in `rule` are accepted
/// here but refused by a real server), webhook CA bundle parsing, managedFields/ownerReferences.
public enum CRDValidation {
    /// The errors of a CRD on create, in the server's order (empty when it would be accepted).
    public static func validate(_ crd: JSONValue) -> [FieldError] {
        var document = CRDDocument(crd)
        if !document.decodeErrors.isEmpty { return document.decodeErrors }
        // PrepareForCreate: status is reset, the first storage version becomes stored.
        document.storedVersions = document.versions.first(where: \.storage).map { [$0.name] } ?? []
        document.acceptedNames = CRDDocument.Names()
        var errors = objectMetaErrors(document)
        errors += specErrors(document)
        errors += namesErrors(document.acceptedNames, path: FieldPath("status").child("acceptedNames"))
        errors += storedVersionsErrors(document)
        errors += apiApprovalErrors(document, old: nil)
        errors += preserveUnknownFieldsErrors(document, old: nil)
        return errors
    }

    /// The errors of a CRD update: everything `validate` checks (with the status kept from
    /// `old`, the new storage version added to `storedVersions`), plus immutable `group` and
    /// `names.plural`, and immutable `scope` and `names.kind` once the CRD is Established.
    public static func validateUpdate(old: JSONValue, new: JSONValue) -> [FieldError] {
        let previous = CRDDocument(old)
        var document = CRDDocument(new)
        if !document.decodeErrors.isEmpty { return document.decodeErrors }
        // PrepareForUpdate: status comes from the old object; a new storage version is recorded.
        document.storedVersions = previous.storedVersions
        document.acceptedNames = previous.acceptedNames
        if let storage = document.versions.first(where: \.storage), !document.storedVersions.contains(storage.name) {
            document.storedVersions.append(storage.name)
        }
        var errors = objectMetaErrors(document)
        errors += specErrors(document)
        let spec = FieldPath("spec")
        if previous.established {
            if document.scope != previous.scope {
                errors.append(.invalid(spec.child("scope").string, .string(document.scope), "field is immutable"))
            }
            if document.names.kind != previous.names.kind {
                errors.append(.invalid(spec.child("names").child("kind").string, .string(document.names.kind), "field is immutable"))
            }
        }
        if document.group != previous.group {
            errors.append(.invalid(spec.child("group").string, .string(document.group), "field is immutable"))
        }
        if document.names.plural != previous.names.plural {
            errors.append(.invalid(spec.child("names").child("plural").string, .string(document.names.plural), "field is immutable"))
        }
        errors += namesErrors(document.acceptedNames, path: FieldPath("status").child("acceptedNames"))
        errors += storedVersionsErrors(document)
        errors += apiApprovalErrors(document, old: previous)
        if !previous.preserveUnknownFields {
            errors += preserveUnknownFieldsErrors(document, old: previous)
        }
        return errors
    }

    // MARK: metadata

    private static func objectMetaErrors(_ crd: CRDDocument) -> [FieldError] {
        let metadata = FieldPath("metadata")
        let requiredName = crd.names.plural + "." + crd.group
        func nameMessages(_ name: String, prefix: Bool) -> [String] {
            var messages = NameValidation.nameIsDNSSubdomain(name, prefix: prefix)
            if name != requiredName { messages.append(#"must be spec.names.plural+"."+spec.group"#) }
            return messages
        }
        var errors: [FieldError] = []
        if !crd.generateName.isEmpty {
            for message in nameMessages(crd.generateName, prefix: true) {
                errors.append(.invalid(metadata.child("generateName").string, .string(crd.generateName), message))
            }
        }
        if crd.name.isEmpty {
            errors.append(.required(metadata.child("name").string, "name or generateName is required"))
        } else {
            for message in nameMessages(crd.name, prefix: false) {
                errors.append(.invalid(metadata.child("name").string, .string(crd.name), message))
            }
        }
        if !crd.namespace.isEmpty {
            errors.append(.forbidden(metadata.child("namespace").string, "not allowed on this type"))
        }
        errors += ObjectMetaValidation.validateLabels(crd.labels, path: metadata.child("labels"))
        errors += ObjectMetaValidation.validateAnnotations(crd.annotations, path: metadata.child("annotations"))
        return errors
    }

    // MARK: spec

    private static func specErrors(_ crd: CRDDocument) -> [FieldError] {
        let spec = FieldPath("spec")
        var errors: [FieldError] = []
        if crd.group.isEmpty {
            errors.append(.required(spec.child("group").string))
        } else if case let problems = NameValidation.isDNS1123Subdomain(crd.group), !problems.isEmpty {
            errors.append(.invalid(spec.child("group").string, .string(crd.group), problems.joined(separator: ",")))
        } else if crd.group.split(separator: ".", omittingEmptySubsequences: false).count < 2 {
            errors.append(.invalid(spec.child("group").string, .string(crd.group), "should be a domain with at least one dot"))
        }
        errors += enumErrors(spec.child("scope"), crd.scope, ["Cluster", "Namespaced"])

        // requireOpenAPISchema: every version needs a schema (here or at the top level).
        if !crd.validationPresent {
            for (i, version) in crd.versions.enumerated() where !version.schemaPresent {
                errors.append(.required(spec.child("versions").index(i).child("schema").child("openAPIV3Schema").string,
                                        "schemas are required"))
            }
        }

        if crd.preserveUnknownFields && crd.schemas.contains(where: { schemaHasDefaults($0) }) {
            errors.append(.invalid(spec.child("preserveUnknownFields").string, .bool(true),
                                   "must be false in order to use defaults in the schema"))
        }

        var storageCount = 0
        var seen = Set<String>()
        var uniqueNames = true
        for (i, version) in crd.versions.enumerated() {
            let versionPath = spec.child("versions").index(i)
            if version.storage { storageCount += 1 }
            if !seen.insert(version.name).inserted { uniqueNames = false }
            let problems = NameValidation.isDNS1035Label(version.name)
            if !problems.isEmpty {
                errors.append(.invalid(versionPath.child("name").string, .string(version.name), problems.joined(separator: ",")))
            }
            errors += versionErrors(crd, index: i, path: versionPath)
        }
        if !uniqueNames {
            errors.append(.invalid(spec.child("versions").string, crd.versionsValue, "must contain unique version names"))
        }
        if storageCount != 1 {
            errors.append(.invalid(spec.child("versions").string, crd.versionsValue, "must have exactly one version marked as storage version"))
        }
        if crd.names.plural.isEmpty { errors.append(.required(spec.child("names").child("plural").string)) }
        if crd.names.singular.isEmpty { errors.append(.required(spec.child("names").child("singular").string)) }
        if crd.names.kind.isEmpty { errors.append(.required(spec.child("names").child("kind").string)) }
        if crd.names.listKind.isEmpty { errors.append(.required(spec.child("names").child("listKind").string)) }
        errors += namesErrors(crd.names, path: spec.child("names"))

        if crd.validationPresent, let schema = crd.validation {
            errors += schemaErrors(schema, path: spec.child("validation").child("openAPIV3Schema"),
                                   statusSubresource: crd.anyStatusEnabled)
        }
        errors += subresourcesErrors(crd.subresources, path: spec.child("subresources"))
        for (i, column) in crd.columns.enumerated() {
            errors += columnErrors(column, path: spec.child("additionalPrinterColumns").index(i))
        }
        if !crd.selectableFields.isEmpty {
            if crd.validation == nil {
                errors.append(.invalid(spec.child("selectableFields").string, .string(""),
                                       "selectableFields may only be set when validations.schema is included"))
            } else if let schema = crd.validation {
                errors += selectableFieldsErrors(crd.selectableFields, schema: schema, path: spec.child("selectableFields"))
            }
        }
        if let conversion = crd.conversion {
            if conversion.strategy != "None" && crd.preserveUnknownFields {
                errors.append(.invalid(spec.child("conversion").child("strategy").string, .string(conversion.strategy),
                                       "must be None if spec.preserveUnknownFields is true"))
            }
            errors += conversionErrors(conversion, path: spec.child("conversion"))
        }
        return errors
    }

    private static func schemaHasDefaults(_ schema: JSONValue) -> Bool {
        var ignored: [FieldError] = []
        return hasDefaults(SchemaNode.decode(schema, path: .root, errors: &ignored))
    }

    private static func hasDefaults(_ node: SchemaNode) -> Bool {
        node.defaultValue != nil || node.children.contains(where: hasDefaults)
    }

    private static func enumErrors(_ path: FieldPath, _ value: String, _ accepted: [String]) -> [FieldError] {
        if value.isEmpty { return [.required(path.string)] }
        if accepted.contains(value) { return [] }
        return [.notSupported(path.string, .string(value), supported: accepted)]
    }

    private static func versionErrors(_ crd: CRDDocument, index: Int, path: FieldPath) -> [FieldError] {
        let version = crd.versions[index]
        var errors: [FieldError] = []
        for message in deprecationWarningErrors(version) {
            errors.append(.invalid(path.child("deprecationWarning").string, version.deprecationWarning.map(JSONValue.string) ?? .null, message))
        }
        if version.schemaPresent, let schema = version.schema {
            let statusEnabled = crd.subresources(forVersion: index)?.status ?? false
            errors += schemaErrors(schema, path: path.child("schema").child("openAPIV3Schema"), statusSubresource: statusEnabled)
        }
        errors += subresourcesErrors(version.subresources, path: path.child("subresources"))
        for (j, column) in version.columns.enumerated() {
            errors += columnErrors(column, path: path.child("additionalPrinterColumns").index(j))
        }
        if !version.selectableFields.isEmpty {
            if let schema = version.schema {
                errors += selectableFieldsErrors(version.selectableFields, schema: schema, path: path.child("selectableFields"))
            } else {
                errors.append(.invalid(path.child("selectableFields").string, .string(""),
                                       "selectableFields may only be set when version.schema.openAPIV3Schema is not included"))
            }
        }
        return errors
    }

    private static func deprecationWarningErrors(_ version: CRDDocument.Version) -> [String] {
        guard let warning = version.deprecationWarning else { return [] }
        if !version.deprecated { return ["can only be set for deprecated versions"] }
        var messages: [String] = []
        if warning.utf8.count > 256 { messages.append("must be <= 256 characters long") }
        if warning.isEmpty { messages.append("must not be an empty string") }
        var offset = 0
        for scalar in warning.unicodeScalars {
            if !GoFormat.isPrint(scalar) && scalar != " " {
                let isControl = scalar.properties.generalCategory == .control
                messages.append("must only contain printable UTF-8 characters; \(isControl ? "control" : "non-printable") character found at index \(offset)")
                break
            }
            offset += String(scalar).utf8.count
        }
        return messages
    }

    /// The schema checks of one version (or of the top level).
    static func schemaErrors(_ schema: JSONValue, path: FieldPath, statusSubresource: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let node = SchemaNode.decode(schema, path: path, errors: &errors)
        if !errors.isEmpty { return errors }
        return SchemaChecks.check(node, path: path, statusSubresource: statusSubresource)
    }

    // MARK: names

    static func namesErrors(_ names: CRDDocument.Names, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if !names.plural.isEmpty, case let p = NameValidation.isDNS1035Label(names.plural), !p.isEmpty {
            errors.append(.invalid(path.child("plural").string, .string(names.plural), p.joined(separator: ",")))
        }
        if !names.singular.isEmpty, case let p = NameValidation.isDNS1035Label(names.singular), !p.isEmpty {
            errors.append(.invalid(path.child("singular").string, .string(names.singular), p.joined(separator: ",")))
        }
        if !names.kind.isEmpty, case let p = NameValidation.isDNS1035Label(names.kind.lowercased()), !p.isEmpty {
            errors.append(.invalid(path.child("kind").string, .string(names.kind),
                                   "may have mixed case, but should otherwise match: " + p.joined(separator: ",")))
        }
        if !names.listKind.isEmpty, case let p = NameValidation.isDNS1035Label(names.listKind.lowercased()), !p.isEmpty {
            errors.append(.invalid(path.child("listKind").string, .string(names.listKind),
                                   "may have mixed case, but should otherwise match: " + p.joined(separator: ",")))
        }
        for (i, shortName) in names.shortNames.enumerated() {
            let p = NameValidation.isDNS1035Label(shortName)
            if !p.isEmpty {
                errors.append(.invalid(path.child("shortNames").index(i).string, .string(shortName), p.joined(separator: ",")))
            }
        }
        if !names.kind.isEmpty && names.kind == names.listKind {
            errors.append(.invalid(path.child("listKind").string, .string(names.listKind), "kind and listKind may not be the same"))
        }
        for (i, category) in names.categories.enumerated() {
            let p = NameValidation.isDNS1035Label(category)
            if !p.isEmpty {
                errors.append(.invalid(path.child("categories").index(i).string, .string(category), p.joined(separator: ",")))
            }
        }
        return errors
    }

    // MARK: subresources, columns, selectable fields

    private static func subresourcesErrors(_ subresources: CRDDocument.Subresources?, path: FieldPath) -> [FieldError] {
        guard let scale = subresources?.scale else { return [] }
        var errors: [FieldError] = []
        let specPath = path.child("scale.specReplicasPath")
        if scale.specReplicasPath.isEmpty {
            errors.append(.required(specPath.string))
        } else if case let e = simpleJSONPathErrors(scale.specReplicasPath, path: specPath), !e.isEmpty {
            errors += e
        } else if !scale.specReplicasPath.hasPrefix(".spec.") {
            errors.append(.invalid(specPath.string, .string(scale.specReplicasPath), "should be a json path under .spec"))
        }
        let statusPath = path.child("scale.statusReplicasPath")
        if scale.statusReplicasPath.isEmpty {
            errors.append(.required(statusPath.string))
        } else if case let e = simpleJSONPathErrors(scale.statusReplicasPath, path: statusPath), !e.isEmpty {
            errors += e
        } else if !scale.statusReplicasPath.hasPrefix(".status.") {
            errors.append(.invalid(statusPath.string, .string(scale.statusReplicasPath), "should be a json path under .status"))
        }
        if let selector = scale.labelSelectorPath, !selector.isEmpty {
            let selectorPath = path.child("scale.labelSelectorPath")
            if case let e = simpleJSONPathErrors(selector, path: selectorPath), !e.isEmpty {
                errors += e
            } else if !selector.hasPrefix(".spec.") && !selector.hasPrefix(".status.") {
                errors.append(.invalid(selectorPath.string, .string(selector), "should be a json path under either .spec or .status"))
            }
        }
        return errors
    }

    private static func simpleJSONPathErrors(_ s: String, path: FieldPath) -> [FieldError] {
        if s.isEmpty { return [.invalid(path.string, .string(s), "must not be empty")] }
        if !s.hasPrefix(".") { return [.invalid(path.string, .string(s), "must be a simple json path starting with .")] }
        return []
    }

    static let printerColumnTypes = ["boolean", "date", "integer", "number", "string"]
    static let printerColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"]

    private static func columnErrors(_ column: CRDDocument.Column, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if column.name.isEmpty { errors.append(.required(path.child("name").string)) }
        let typesText = "must be one of " + printerColumnTypes.joined(separator: ",")
        if column.type.isEmpty {
            errors.append(.required(path.child("type").string, typesText))
        } else if !printerColumnTypes.contains(column.type) {
            errors.append(.invalid(path.child("type").string, .string(column.type), typesText))
        }
        if !column.format.isEmpty && !printerColumnFormats.contains(column.format) {
            errors.append(.invalid(path.child("format").string, .string(column.format),
                                   "must be one of " + printerColumnFormats.joined(separator: ",")))
        }
        let jsonPath = path.child("JSONPath")
        if column.jsonPath.isEmpty {
            errors.append(.required(jsonPath.string))
        } else {
            errors += simpleJSONPathErrors(column.jsonPath, path: jsonPath)
        }
        return errors
    }

    static let maxSelectableFields = 8

    private static func selectableFieldsErrors(_ fields: [String], schema: JSONValue, path: FieldPath) -> [FieldError] {
        var ignored: [FieldError] = []
        let node = SchemaNode.decode(schema, path: path, errors: &ignored)
        var errors: [FieldError] = []
        var unique: [String] = []
        for (i, jsonPath) in fields.enumerated() {
            let fieldPath = path.index(i).child("jsonPath")
            if jsonPath.isEmpty {
                errors.append(.required(fieldPath.string))
                continue
            }
            switch SchemaFieldPath.resolve(jsonPath, in: node, allowArrayNotation: false) {
            case .failure(let error):
                errors.append(.invalid(fieldPath.string, .string(jsonPath), "is an invalid path: \(error.message)"))
            case .success(let resolution):
                if resolution.names.first == "metadata" {
                    errors.append(.invalid(fieldPath.string, .string(jsonPath), "must not point to fields in metadata"))
                }
                if !["string", "boolean", "integer"].contains(resolution.node.type ?? "") {
                    errors.append(.invalid(fieldPath.string, .string(jsonPath),
                                           "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed."))
                }
                let key = resolution.names.joined(separator: ".")
                if unique.contains(key) {
                    errors.append(.duplicate(fieldPath.string, .string(jsonPath)))
                } else {
                    unique.append(key)
                }
            }
        }
        if unique.count > maxSelectableFields {
            errors.append(.tooMany(path.string, actual: Int64(unique.count), max: Int64(maxSelectableFields)))
        }
        return errors
    }

    // MARK: conversion

    private static func conversionErrors(_ conversion: CRDDocument.Conversion, path: FieldPath) -> [FieldError] {
        var errors = enumErrors(path.child("strategy"), conversion.strategy, ["None", "Webhook"])
        let configPath = path.child("webhookClientConfig")
        if conversion.strategy == "Webhook" {
            if !conversion.hasWebhookConfig {
                errors.append(.required(configPath.string, "required when strategy is set to Webhook"))
            } else if (conversion.url == nil) == (conversion.service == nil) {
                errors.append(.required(configPath.string, "exactly one of url or service is required"))
            } else if let url = conversion.url {
                errors += webhookURLErrors(url, path: configPath.child("url"))
            } else if let service = conversion.service {
                errors += webhookServiceErrors(service, path: configPath.child("service"))
            }
            let versionsPath = path.child("conversionReviewVersions")
            if conversion.conversionReviewVersions.isEmpty {
                errors.append(.required(versionsPath.string))
            } else {
                var seen = Set<String>()
                for (i, version) in conversion.conversionReviewVersions.enumerated() {
                    if !seen.insert(version).inserted {
                        errors.append(.invalid(versionsPath.index(i).string, .string(version), "duplicate version"))
                        continue
                    }
                    for message in NameValidation.isDNS1035Label(version) {
                        errors.append(.invalid(versionsPath.index(i).string, .string(version), message))
                    }
                }
                if !conversion.conversionReviewVersions.contains(where: { $0 == "v1" || $0 == "v1beta1" }) {
                    errors.append(.invalid(versionsPath.string, .array(conversion.conversionReviewVersions.map(JSONValue.string)),
                                           "must include at least one of v1, v1beta1"))
                }
            }
        } else {
            if conversion.hasWebhookConfig {
                errors.append(.forbidden(configPath.string, "should not be set when strategy is not set to Webhook"))
            }
            if !conversion.conversionReviewVersions.isEmpty {
                errors.append(.forbidden(path.child("conversionReviewVersions").string, "should not be set when strategy is not set to Webhook"))
            }
        }
        return errors
    }

    /// `webhook.ValidateWebhookService` (the port defaults to 443).
    private static func webhookServiceErrors(_ service: JSONValue, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if (service["name"]?.stringValue ?? "").isEmpty {
            errors.append(.required(path.child("name").string, "service name is required"))
        }
        if (service["namespace"]?.stringValue ?? "").isEmpty {
            errors.append(.required(path.child("namespace").string, "service namespace is required"))
        }
        if let port = service["port"], !port.isNull {
            if let number = port.intValue, (1...65535).contains(number) {
                // valid
            } else {
                errors.append(.invalid(path.child("port").string, port, "port is not valid: must be between 1 and 65535, inclusive"))
            }
        }
        if let servicePath = service["path"]?.stringValue, !servicePath.isEmpty, servicePath != "/" {
            if servicePath == "//" {
                errors.append(.invalid(path.child("path").string, .string(servicePath), "segment[0] may not be empty"))
            } else if !servicePath.hasPrefix("/") {
                errors.append(.invalid(path.child("path").string, .string(servicePath), "must start with a '/'"))
            }
        }
        return errors
    }

    /// `webhook.ValidateWebhookURL` with `forceHttps`.
    private static func webhookURLErrors(_ url: String, path: FieldPath) -> [FieldError] {
        guard let schemeEnd = url.range(of: "://") else {
            return [.invalid(path.string, .string(url), "host must be specified")]
        }
        var errors: [FieldError] = []
        let scheme = url[..<schemeEnd.lowerBound]
        if scheme != "https" {
            errors.append(.invalid(path.string, .string(url), "'https' is the only allowed URL scheme"))
        }
        let afterScheme = url[schemeEnd.upperBound...]
        let host = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if host.isEmpty { errors.append(.invalid(path.string, .string(url), "host must be specified")) }
        if host.contains("@") { errors.append(.invalid(path.string, .string(url), "user information is not permitted in the URL")) }
        if url.contains("#") { errors.append(.invalid(path.string, .string(url), "fragments are not permitted in the URL")) }
        if url.contains("?") { errors.append(.invalid(path.string, .string(url), "query parameters are not permitted in the URL")) }
        return errors
    }

    // MARK: status, approval, preserveUnknownFields

    private static func storedVersionsErrors(_ crd: CRDDocument) -> [FieldError] {
        let path = FieldPath("status").child("storedVersions")
        let storedValue = JSONValue.array(crd.storedVersions.map(JSONValue.string))
        if crd.storedVersions.isEmpty {
            return [.invalid(path.string, .null, "must have at least one stored version")]
        }
        var errors: [FieldError] = []
        var remaining = crd.storedVersions
        for version in crd.versions {
            if version.storage && !crd.storedVersions.contains(version.name) {
                errors.append(.invalid(path.string, storedValue, "must have the storage version " + version.name))
            }
            remaining.removeAll { $0 == version.name }
        }
        for (i, stored) in crd.storedVersions.enumerated() where remaining.contains(stored) {
            errors.append(.invalid(path.index(i).string, .string(stored),
                                   "missing from spec.versions; \(stored) was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in \(stored) and removes \(stored) from status.storedVersions"))
        }
        return errors
    }

    static let approvalAnnotation = "api-approved.kubernetes.io"

    private enum ApprovalState: Equatable { case approved, bypassed, missing, invalid }

    private static func approvalState(_ annotations: JSONValue?) -> ApprovalState {
        guard let value = annotations?[approvalAnnotation]?.stringValue else { return .missing }
        if value.hasPrefix("unapproved") { return .bypassed }
        if let scheme = value.range(of: "://"), !value[..<scheme.lowerBound].isEmpty,
           !value[scheme.upperBound...].isEmpty, !value.contains(" ") {
            return .approved
        }
        return .invalid
    }

    private static func apiApprovalErrors(_ crd: CRDDocument, old: CRDDocument?) -> [FieldError] {
        let group = crd.group
        let protected = group == "k8s.io" || group.hasSuffix(".k8s.io") || group == "kubernetes.io" || group.hasSuffix(".kubernetes.io")
        guard protected else { return [] }
        let state = approvalState(crd.annotations)
        if let old, approvalState(old.annotations) == state { return [] }
        let path = FieldPath("metadata").child("annotations").key(approvalAnnotation)
        switch state {
        case .approved, .bypassed:
            return []
        case .missing:
            return [.required(path.string, "protected groups must have approval annotation \"\(approvalAnnotation)\", see https://github.com/kubernetes/enhancements/pull/1111")]
        case .invalid:
            let value = crd.annotations?[approvalAnnotation] ?? .null
            return [.invalid(path.string, value, "protected groups must have approval annotation \"\(approvalAnnotation)\" with either a URL or a reason starting with \"unapproved\", see https://github.com/kubernetes/enhancements/pull/1111")]
        }
    }

    private static func preserveUnknownFieldsErrors(_ crd: CRDDocument, old: CRDDocument?) -> [FieldError] {
        guard crd.preserveUnknownFields else { return [] }
        return [.invalid(FieldPath("spec").child("preserveUnknownFields").string, .bool(true),
                         "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead")]
    }
}
