/// `Channel.spec.kernel`: what the kernel is created with (`completionOptions`,
/// `embeddingOptions`, `enabledPlugins` of the kernel API's create request).
public struct ChannelKernelSpec: Codable, Sendable, Equatable, Hashable {
    /// `completionOptions.modelId` (default `gpt-4`).
    public var modelID: String
    /// `completionOptions.temperature`, 0 to 2 (default 0.7).
    public var temperature: Double
    /// `completionOptions.maxTokens`, at least 1; nil leaves it to the kernel API.
    public var maxTokens: Int64?
    /// `embeddingOptions.modelId`; nil sends no embedding options.
    public var embeddingModelID: String?
    /// `enabledPlugins` (default `["YouTubePlugin"]`).
    public var enabledPlugins: [String]

    /// The CRD's defaults.
    public enum Defaults {
        public static let modelID = "gpt-4"
        public static let temperature = 0.7
        public static let enabledPlugins = ["YouTubePlugin"]
    }

    public init(modelID: String = Defaults.modelID, temperature: Double = Defaults.temperature, maxTokens: Int64? = nil,
                embeddingModelID: String? = nil, enabledPlugins: [String] = Defaults.enabledPlugins) {
        self.modelID = modelID
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.embeddingModelID = embeddingModelID
        self.enabledPlugins = enabledPlugins
    }

    enum CodingKeys: String, CodingKey { case modelID, temperature, maxTokens, embeddingModelID, enabledPlugins }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        modelID = try c.decodeIfPresent(String.self, forKey: .modelID) ?? Defaults.modelID
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature) ?? Defaults.temperature
        maxTokens = try c.decodeIfPresent(Int64.self, forKey: .maxTokens)
        embeddingModelID = try c.decodeIfPresent(String.self, forKey: .embeddingModelID)
        enabledPlugins = try c.decodeIfPresent([String].self, forKey: .enabledPlugins) ?? Defaults.enabledPlugins
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(modelID, forKey: .modelID)
        try c.encode(temperature, forKey: .temperature)
        try c.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try c.encodeIfPresent(embeddingModelID, forKey: .embeddingModelID)
        try c.encode(enabledPlugins, forKey: .enabledPlugins)
    }
}
