import JSON

/// The seed's `KernelCreateRequest`, validated:
/// `{contextId, completionOptions?{modelId?, temperature?, maxTokens?},
///   embeddingOptions?{modelId?, temperature?, maxTokens?}, enabledPlugins?[]}`.
struct KernelCreateRequest: Sendable, Equatable {
    /// Options of `completionOptions` / `embeddingOptions`.
    struct ModelOptions: Sendable, Equatable {
        var modelId: String?
        var temperature: Double?
        var maxTokens: Int?
    }

    var contextId: String
    var completionOptions: ModelOptions?
    var embeddingOptions: ModelOptions?
    var enabledPlugins: [String]?
    /// The body as received.
    var body: JSONValue

    /// Parses and validates a create body.
    /// - Throws: ``KernelRequestError`` naming the field that is wrong (answered as 400).
    init(body bytes: [UInt8]) throws(KernelRequestError) {
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else {
            throw KernelRequestError("Request body is required: a JSON object with contextId")
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw KernelRequestError("Request body is not valid JSON: \(error)")
        }
        guard let object = json.objectValue else {
            throw KernelRequestError("Request body must be a JSON object, got \(json.typeName)")
        }
        guard let contextValue = object["contextId"], !contextValue.isNull else {
            throw KernelRequestError("Missing required field contextId")
        }
        guard let contextId = contextValue.stringValue else {
            throw KernelRequestError("Field contextId must be a string, got \(contextValue.typeName)")
        }
        guard !contextId.allSatisfy(\.isWhitespace) else {
            throw KernelRequestError("Field contextId must not be empty")
        }
        self.contextId = contextId
        self.completionOptions = try Self.modelOptions(object["completionOptions"], field: "completionOptions")
        self.embeddingOptions = try Self.modelOptions(object["embeddingOptions"], field: "embeddingOptions")
        self.enabledPlugins = try Self.plugins(object["enabledPlugins"])
        self.body = json
    }

    private static func modelOptions(_ value: JSONValue?, field: String) throws(KernelRequestError) -> ModelOptions? {
        guard let value, !value.isNull else { return nil }
        guard let object = value.objectValue else {
            throw KernelRequestError("Field \(field) must be an object, got \(value.typeName)")
        }
        var options = ModelOptions()
        if let modelId = object["modelId"], !modelId.isNull {
            guard let text = modelId.stringValue else {
                throw KernelRequestError("Field \(field).modelId must be a string, got \(modelId.typeName)")
            }
            options.modelId = text
        }
        if let temperature = object["temperature"], !temperature.isNull {
            guard let number = temperature.doubleValue else {
                throw KernelRequestError("Field \(field).temperature must be a number, got \(temperature.typeName)")
            }
            guard number >= 0 else {
                throw KernelRequestError("Field \(field).temperature must not be negative, got \(number)")
            }
            options.temperature = number
        }
        if let maxTokens = object["maxTokens"], !maxTokens.isNull {
            guard let integer = maxTokens.intValue, let count = Int(exactly: integer) else {
                throw KernelRequestError("Field \(field).maxTokens must be an integer, got \(maxTokens.typeName)")
            }
            guard count >= 1 else {
                throw KernelRequestError("Field \(field).maxTokens must be at least 1, got \(count)")
            }
            options.maxTokens = count
        }
        return options
    }

    private static func plugins(_ value: JSONValue?) throws(KernelRequestError) -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            throw KernelRequestError("Field enabledPlugins must be an array of strings, got \(value.typeName)")
        }
        var names: [String] = []
        for (index, element) in array.enumerated() {
            guard let name = element.stringValue else {
                throw KernelRequestError("Field enabledPlugins[\(index)] must be a string, got \(element.typeName)")
            }
            names.append(name)
        }
        return names
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
