import JSON
import OrderedCollections

/// A `CustomResourceDefinition` (apiextensions.k8s.io/v1) decoded into the shape the
/// server validates: v1 defaults applied (singular, listKind, conversion strategy) and the
/// internal-version conversion done — per-version schema, subresources, printer columns and
/// selectable fields that are identical in every version move to the top level, which is
/// why errors of a single-version CRD name `spec.validation.openAPIV3Schema...`.
struct CRDDocument {
    struct Names {
        var plural = ""
        var singular = ""
        var kind = ""
        var listKind = ""
        var shortNames: [String] = []
        var categories: [String] = []
    }

    struct Scale: Equatable {
        var specReplicasPath = ""
        var statusReplicasPath = ""
        var labelSelectorPath: String?
    }

    struct Subresources: Equatable {
        var status = false
        var scale: Scale?
    }

    struct Column: Equatable {
        var name = ""
        var type = ""
        var format = ""
        var jsonPath = ""
        var raw: JSONValue = .emptyObject
    }

    struct Version {
        var name = ""
        var served = false
        var storage = false
        var deprecated = false
        var deprecationWarning: String?
        var schema: JSONValue?
        var schemaPresent = false
        var subresources: Subresources?
        var columns: [Column] = []
        var selectableFields: [String] = []
        var raw: JSONValue = .emptyObject
    }

    struct Conversion {
        var strategy = ""
        var hasWebhookConfig = false
        var url: String?
        var service: JSONValue?
        var conversionReviewVersions: [String] = []
    }

    var name = ""
    var generateName = ""
    var namespace = ""
    var labels: JSONValue?
    var annotations: JSONValue?
    var group = ""
    var scope = ""
    var names = Names()
    var versions: [Version] = []
    var versionsValue: JSONValue = .array([])
    var conversion: Conversion?
    var preserveUnknownFields = false

    // Top level after conversion.
    var validation: JSONValue?
    var validationPresent = false
    var subresources: Subresources?
    var columns: [Column] = []
    var selectableFields: [String] = []

    var storedVersions: [String] = []
    var acceptedNames = Names()
    var established = false

    var decodeErrors: [FieldError] = []

    init(_ json: JSONValue) {
        var reader = Reader()
        let metadata = reader.object(json["metadata"], "metadata")
        name = reader.string(metadata?["name"], "metadata.name")
        generateName = reader.string(metadata?["generateName"], "metadata.generateName")
        namespace = reader.string(metadata?["namespace"], "metadata.namespace")
        labels = metadata?["labels"]
        annotations = metadata?["annotations"]

        let spec = reader.object(json["spec"], "spec")
        group = reader.string(spec?["group"], "spec.group")
        scope = reader.string(spec?["scope"], "spec.scope")
        names = Self.names(reader.object(spec?["names"], "spec.names"), path: "spec.names", reader: &reader)
        // v1 defaulting (SetDefaults_CustomResourceDefinitionSpec).
        if names.singular.isEmpty { names.singular = names.kind.lowercased() }
        if names.listKind.isEmpty && !names.kind.isEmpty { names.listKind = names.kind + "List" }
        preserveUnknownFields = reader.bool(spec?["preserveUnknownFields"], "spec.preserveUnknownFields")

        if let list = reader.array(spec?["versions"], "spec.versions") {
            versionsValue = .array(list)
            for (i, element) in list.enumerated() {
                versions.append(Self.version(element, path: "spec.versions[\(i)]", reader: &reader))
            }
        }
        if let conversionObject = reader.object(spec?["conversion"], "spec.conversion") {
            var c = Conversion()
            c.strategy = reader.string(conversionObject["strategy"], "spec.conversion.strategy")
            if let webhook = reader.object(conversionObject["webhook"], "spec.conversion.webhook") {
                if let config = reader.object(webhook["clientConfig"], "spec.conversion.webhook.clientConfig") {
                    c.hasWebhookConfig = true
                    if let url = config["url"], !url.isNull { c.url = reader.string(url, "spec.conversion.webhook.clientConfig.url") }
                    if let service = config["service"], !service.isNull { c.service = service }
                }
                c.conversionReviewVersions = reader.strings(webhook["conversionReviewVersions"],
                                                            "spec.conversion.webhook.conversionReviewVersions")
            }
            if c.strategy.isEmpty { c.strategy = "None" }
            conversion = c
        } else {
            conversion = Conversion(strategy: "None")
        }

        let status = reader.object(json["status"], "status")
        storedVersions = reader.strings(status?["storedVersions"], "status.storedVersions")
        acceptedNames = Self.names(reader.object(status?["acceptedNames"], "status.acceptedNames"),
                                   path: "status.acceptedNames", reader: &reader)
        for condition in status?["conditions"]?.arrayValue ?? [] {
            if condition["type"] == "Established" && condition["status"] == "True" { established = true }
        }
        decodeErrors = reader.errors
        moveIdenticalPerVersionFields()
    }

    private static func names(_ object: OrderedDictionary<String, JSONValue>?, path: String, reader: inout Reader) -> Names {
        var n = Names()
        n.plural = reader.string(object?["plural"], path + ".plural")
        n.singular = reader.string(object?["singular"], path + ".singular")
        n.kind = reader.string(object?["kind"], path + ".kind")
        n.listKind = reader.string(object?["listKind"], path + ".listKind")
        n.shortNames = reader.strings(object?["shortNames"], path + ".shortNames")
        n.categories = reader.strings(object?["categories"], path + ".categories")
        return n
    }

    private static func version(_ json: JSONValue, path: String, reader: inout Reader) -> Version {
        var v = Version()
        v.raw = json
        guard let object = reader.object(json, path) else { return v }
        v.name = reader.string(object["name"], path + ".name")
        v.served = reader.bool(object["served"], path + ".served")
        v.storage = reader.bool(object["storage"], path + ".storage")
        v.deprecated = reader.bool(object["deprecated"], path + ".deprecated")
        if let warning = object["deprecationWarning"], !warning.isNull {
            v.deprecationWarning = reader.string(warning, path + ".deprecationWarning")
        }
        if let schemaObject = reader.object(object["schema"], path + ".schema"),
           let openAPI = schemaObject["openAPIV3Schema"], !openAPI.isNull {
            v.schema = openAPI
            v.schemaPresent = true
        }
        if let sub = reader.object(object["subresources"], path + ".subresources") {
            var s = Subresources()
            if let status = sub["status"], !status.isNull { s.status = true }
            if let scale = reader.object(sub["scale"], path + ".subresources.scale") {
                var sc = Scale()
                sc.specReplicasPath = reader.string(scale["specReplicasPath"], path + ".subresources.scale.specReplicasPath")
                sc.statusReplicasPath = reader.string(scale["statusReplicasPath"], path + ".subresources.scale.statusReplicasPath")
                if let selector = scale["labelSelectorPath"], !selector.isNull {
                    sc.labelSelectorPath = reader.string(selector, path + ".subresources.scale.labelSelectorPath")
                }
                s.scale = sc
            }
            v.subresources = s
        }
        for (j, column) in (reader.array(object["additionalPrinterColumns"], path + ".additionalPrinterColumns") ?? []).enumerated() {
            let columnPath = path + ".additionalPrinterColumns[\(j)]"
            var c = Column()
            c.raw = column
            if let o = reader.object(column, columnPath) {
                c.name = reader.string(o["name"], columnPath + ".name")
                c.type = reader.string(o["type"], columnPath + ".type")
                c.format = reader.string(o["format"], columnPath + ".format")
                c.jsonPath = reader.string(o["jsonPath"], columnPath + ".jsonPath")
            }
            v.columns.append(c)
        }
        for (j, field) in (reader.array(object["selectableFields"], path + ".selectableFields") ?? []).enumerated() {
            let o = reader.object(field, path + ".selectableFields[\(j)]")
            v.selectableFields.append(reader.string(o?["jsonPath"], path + ".selectableFields[\(j)].jsonPath"))
        }
        return v
    }

    /// `Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_CustomResourceDefinitionSpec`.
    private mutating func moveIdenticalPerVersionFields() {
        guard let first = versions.first else { return }
        if versions.allSatisfy({ $0.subresources == first.subresources }) {
            subresources = first.subresources
            for i in versions.indices { versions[i].subresources = nil }
        }
        if versions.allSatisfy({ $0.schemaPresent == first.schemaPresent && $0.schema == first.schema }) {
            validation = first.schema
            validationPresent = first.schemaPresent
            for i in versions.indices {
                versions[i].schema = nil
                versions[i].schemaPresent = false
            }
        }
        if versions.allSatisfy({ $0.columns == first.columns }) {
            columns = first.columns
            for i in versions.indices { versions[i].columns = [] }
        }
        if versions.allSatisfy({ $0.selectableFields == first.selectableFields }) {
            selectableFields = first.selectableFields
            for i in versions.indices { versions[i].selectableFields = [] }
        }
    }

    /// The subresources that apply to a version after the conversion.
    func subresources(forVersion index: Int) -> Subresources? {
        versions.contains(where: { $0.subresources != nil }) ? versions[index].subresources : subresources
    }

    /// Every schema in the CRD (top level and per version).
    var schemas: [JSONValue] {
        [validation].compactMap { $0 } + versions.compactMap(\.schema)
    }

    var anyStatusEnabled: Bool {
        (subresources?.status ?? false) || versions.contains { $0.subresources?.status ?? false }
    }

    /// Field-by-field reading with Go-decoder-like type errors.
    struct Reader {
        var errors: [FieldError] = []

        mutating func object(_ value: JSONValue?, _ path: String) -> OrderedDictionary<String, JSONValue>? {
            switch value {
            case nil, .null?: return nil
            case .object(let o)?: return o
            case let other?:
                errors.append(SchemaNode.decodeError(FieldPath(path), other, expected: "object", goType: "struct"))
                return nil
            }
        }

        mutating func array(_ value: JSONValue?, _ path: String) -> [JSONValue]? {
            switch value {
            case nil, .null?: return nil
            case .array(let a)?: return a
            case let other?:
                errors.append(SchemaNode.decodeError(FieldPath(path), other, expected: "array", goType: "slice"))
                return nil
            }
        }

        mutating func string(_ value: JSONValue?, _ path: String) -> String {
            switch value {
            case nil, .null?: return ""
            case .string(let s)?: return s
            case let other?:
                errors.append(SchemaNode.decodeError(FieldPath(path), other, expected: "string", goType: "string"))
                return ""
            }
        }

        mutating func bool(_ value: JSONValue?, _ path: String) -> Bool {
            switch value {
            case nil, .null?: return false
            case .bool(let b)?: return b
            case let other?:
                errors.append(SchemaNode.decodeError(FieldPath(path), other, expected: "boolean", goType: "bool"))
                return false
            }
        }

        mutating func strings(_ value: JSONValue?, _ path: String) -> [String] {
            guard let list = array(value, path) else { return [] }
            var out: [String] = []
            for (i, element) in list.enumerated() {
                if case .string(let s) = element {
                    out.append(s)
                } else {
                    errors.append(SchemaNode.decodeError(FieldPath(path).index(i), element, expected: "string", goType: "string"))
                }
            }
            return out
        }
    }
}
