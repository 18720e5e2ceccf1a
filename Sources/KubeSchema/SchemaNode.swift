import JSON
import OrderedCollections

/// One `JSONSchemaProps` node of a CRD schema, decoded once and immutable, with what the
/// validators need precomputed (effective types, the format that is actually checked, the
/// compiled pattern).
///
/// Properties keep their declaration order: the real server walks Go maps (random order);
/// declaration order is the stable choice that matches the recorded transcripts.
final class SchemaNode: Sendable {
    enum Items: Sendable {
        case schema(SchemaNode)
        case array([SchemaNode])
    }

    enum SchemaOrBool: Sendable {
        case bool(Bool)
        case schema(SchemaNode)
    }

    enum Dependency: Sendable {
        case schema(SchemaNode)
        case properties([String])
    }

    /// The JSON this node was decoded from (used to print schema values in errors).
    let raw: JSONValue

    let id: String?
    let schemaURI: String?
    let ref: String?
    let description: String?
    let type: String?
    let format: String?
    let title: String?
    let defaultValue: JSONValue?
    let maximum: Double?
    let exclusiveMaximum: Bool
    let minimum: Double?
    let exclusiveMinimum: Bool
    let maxLength: Int64?
    let minLength: Int64?
    let pattern: String?
    let maxItems: Int64?
    let minItems: Int64?
    let uniqueItems: Bool
    let multipleOf: Double?
    let enumValues: [JSONValue]?
    let maxProperties: Int64?
    let minProperties: Int64?
    let required: [String]?
    let items: Items?
    let allOf: [SchemaNode]?
    let oneOf: [SchemaNode]?
    let anyOf: [SchemaNode]?
    let not: SchemaNode?
    let properties: OrderedDictionary<String, SchemaNode>?
    let additionalProperties: SchemaOrBool?
    let patternProperties: OrderedDictionary<String, SchemaNode>?
    let dependencies: OrderedDictionary<String, Dependency>?
    let additionalItems: SchemaOrBool?
    let definitions: OrderedDictionary<String, SchemaNode>?
    let externalDocs: JSONValue?
    let example: JSONValue?
    let nullable: Bool
    let preserveUnknownFields: Bool?
    let embeddedResource: Bool
    let intOrString: Bool
    let listMapKeys: [String]?
    let listType: String?
    let mapType: String?
    let validations: [CELRule]?
    /// `validations`, parsed once (one per rule, same order).
    let celPrograms: [CELProgram]
    /// Whether this node or anything below it carries `x-kubernetes-validations`
    /// (stored: the CEL validator asks at every value it walks).
    let containsCELRules: Bool

    /// The types the value validator checks (`x-kubernetes-int-or-string` means integer or string).
    let validatorTypes: [String]
    /// The format the value validator checks: empty when the format is not in the set the
    /// apiextensions server supports (`StripUnsupportedFormatsPostProcess`).
    let validatedFormat: String
    /// The compiled `pattern`, or why it does not compile as a Go regular expression.
    let compiledPattern: Result<GoRegex, GoRegex.SyntaxError>?

    init(raw: JSONValue, fields: Fields) {
        self.raw = raw
        id = fields.id
        schemaURI = fields.schemaURI
        ref = fields.ref
        description = fields.description
        type = fields.type
        format = fields.format
        title = fields.title
        defaultValue = fields.defaultValue
        maximum = fields.maximum
        exclusiveMaximum = fields.exclusiveMaximum
        minimum = fields.minimum
        exclusiveMinimum = fields.exclusiveMinimum
        maxLength = fields.maxLength
        minLength = fields.minLength
        pattern = fields.pattern
        maxItems = fields.maxItems
        minItems = fields.minItems
        uniqueItems = fields.uniqueItems
        multipleOf = fields.multipleOf
        enumValues = fields.enumValues
        maxProperties = fields.maxProperties
        minProperties = fields.minProperties
        required = fields.required
        items = fields.items
        allOf = fields.allOf
        oneOf = fields.oneOf
        anyOf = fields.anyOf
        not = fields.not
        properties = fields.properties
        additionalProperties = fields.additionalProperties
        patternProperties = fields.patternProperties
        dependencies = fields.dependencies
        additionalItems = fields.additionalItems
        definitions = fields.definitions
        externalDocs = fields.externalDocs
        example = fields.example
        nullable = fields.nullable
        preserveUnknownFields = fields.preserveUnknownFields
        embeddedResource = fields.embeddedResource
        intOrString = fields.intOrString
        listMapKeys = fields.listMapKeys
        listType = fields.listType
        mapType = fields.mapType
        validations = fields.validations
        celPrograms = (fields.validations ?? []).map(CELProgram.init(rule:))

        if fields.intOrString {
            validatorTypes = ["integer", "string"]
        } else if let type = fields.type, !type.isEmpty {
            validatorTypes = [type]
        } else {
            validatorTypes = []
        }
        if let format = fields.format, StringFormat.isSupported(format) {
            validatedFormat = format
        } else {
            validatedFormat = ""
        }
        if let pattern = fields.pattern, !pattern.isEmpty {
            compiledPattern = GoRegex.compile(pattern)
        } else {
            compiledPattern = nil
        }
        containsCELRules = !(fields.validations ?? []).isEmpty || Self.children(of: fields).contains { $0.containsCELRules }
    }

    /// The mutable bag the decoder fills before the node is frozen.
    struct Fields {
        var id: String?
        var schemaURI: String?
        var ref: String?
        var description: String?
        var type: String?
        var format: String?
        var title: String?
        var defaultValue: JSONValue?
        var maximum: Double?
        var exclusiveMaximum = false
        var minimum: Double?
        var exclusiveMinimum = false
        var maxLength: Int64?
        var minLength: Int64?
        var pattern: String?
        var maxItems: Int64?
        var minItems: Int64?
        var uniqueItems = false
        var multipleOf: Double?
        var enumValues: [JSONValue]?
        var maxProperties: Int64?
        var minProperties: Int64?
        var required: [String]?
        var items: Items?
        var allOf: [SchemaNode]?
        var oneOf: [SchemaNode]?
        var anyOf: [SchemaNode]?
        var not: SchemaNode?
        var properties: OrderedDictionary<String, SchemaNode>?
        var additionalProperties: SchemaOrBool?
        var patternProperties: OrderedDictionary<String, SchemaNode>?
        var dependencies: OrderedDictionary<String, Dependency>?
        var additionalItems: SchemaOrBool?
        var definitions: OrderedDictionary<String, SchemaNode>?
        var externalDocs: JSONValue?
        var example: JSONValue?
        var nullable = false
        var preserveUnknownFields: Bool?
        var embeddedResource = false
        var intOrString = false
        var listMapKeys: [String]?
        var listType: String?
        var mapType: String?
        var validations: [CELRule]?
    }

    /// The single item schema (`items` given as an object).
    var itemSchema: SchemaNode? {
        if case .schema(let node) = items { return node }
        return nil
    }

    /// The schema for map values (`additionalProperties` given as a schema).
    var additionalPropertiesSchema: SchemaNode? {
        if case .schema(let node) = additionalProperties { return node }
        return nil
    }

    /// `x-kubernetes-preserve-unknown-fields: true`.
    var preservesUnknownFields: Bool { preserveUnknownFields == true }

    /// Every directly nested schema (structural and value-validation positions).
    var children: [SchemaNode] {
        Self.children(items: items, allOf: allOf, oneOf: oneOf, anyOf: anyOf, not: not, properties: properties,
                      additionalProperties: additionalProperties, patternProperties: patternProperties,
                      dependencies: dependencies, additionalItems: additionalItems, definitions: definitions)
    }

    private static func children(of f: Fields) -> [SchemaNode] {
        children(items: f.items, allOf: f.allOf, oneOf: f.oneOf, anyOf: f.anyOf, not: f.not, properties: f.properties,
                 additionalProperties: f.additionalProperties, patternProperties: f.patternProperties,
                 dependencies: f.dependencies, additionalItems: f.additionalItems, definitions: f.definitions)
    }

    private static func children(items: Items?, allOf: [SchemaNode]?, oneOf: [SchemaNode]?, anyOf: [SchemaNode]?, not: SchemaNode?,
                                 properties: OrderedDictionary<String, SchemaNode>?, additionalProperties: SchemaOrBool?,
                                 patternProperties: OrderedDictionary<String, SchemaNode>?,
                                 dependencies: OrderedDictionary<String, Dependency>?, additionalItems: SchemaOrBool?,
                                 definitions: OrderedDictionary<String, SchemaNode>?) -> [SchemaNode] {
        var out: [SchemaNode] = []
        switch items {
        case .schema(let node): out.append(node)
        case .array(let nodes): out += nodes
        case nil: break
        }
        out += allOf ?? []
        out += oneOf ?? []
        out += anyOf ?? []
        if let not { out.append(not) }
        out += properties.map { Array($0.values) } ?? []
        if case .schema(let node) = additionalProperties { out.append(node) }
        out += patternProperties.map { Array($0.values) } ?? []
        for dependency in dependencies.map({ Array($0.values) }) ?? [] {
            if case .schema(let node) = dependency { out.append(node) }
        }
        if case .schema(let node) = additionalItems { out.append(node) }
        out += definitions.map { Array($0.values) } ?? []
        return out
    }
}
