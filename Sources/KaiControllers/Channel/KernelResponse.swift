import JSON
import KaiAPI

/// The seed's `KernelResponse`
/// (`{userId, contextId, lastAccessTime, plugins[{name, functions}], modelInfo{completionModelId, temperature, maxTokens}}`),
/// read leniently: a missing or mistyped field is left out rather than failing the call.
struct KernelResponse: Sendable, Equatable {
    var contextID: String?
    var info: ChannelKernelInfo

    /// Parses a 2xx body.
    /// - Throws: ``KernelAPIError/invalidResponse(operation:reason:bodyExcerpt:)`` when it is not a JSON object.
    init(body: [UInt8], operation: KernelAPIOperation) throws(KernelAPIError) {
        let json: JSONValue
        do { json = try JSONValue(parsing: body) } catch {
            throw .invalidResponse(operation: operation, reason: "not JSON (\(error))", bodyExcerpt: KernelAPIError.excerpt(body))
        }
        guard json.objectValue != nil else {
            throw .invalidResponse(operation: operation, reason: "expected a JSON object, got \(json.typeName)",
                                   bodyExcerpt: KernelAPIError.excerpt(body))
        }
        contextID = json["contextId"]?.stringValue
        var info = ChannelKernelInfo(userID: json["userId"]?.stringValue, lastAccessTime: json["lastAccessTime"]?.stringValue)
        if let model = json["modelInfo"], model.objectValue != nil {
            info.modelInfo = ChannelKernelInfo.ModelInfo(completionModelID: model["completionModelId"]?.stringValue,
                                                         temperature: model["temperature"]?.doubleValue,
                                                         maxTokens: model["maxTokens"]?.intValue)
        }
        if let plugins = json["plugins"]?.arrayValue {
            info.plugins = plugins.map { plugin in
                ChannelKernelInfo.Plugin(name: plugin["name"]?.stringValue,
                                         functions: plugin["functions"]?.arrayValue?.compactMap(\.stringValue))
            }
        }
        self.info = info
    }
}
