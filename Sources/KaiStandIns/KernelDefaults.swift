/// What the kernel API stand-in puts in a kernel when the create request leaves it out,
/// and the parts of the answer the request never decides (`userId`, plugin functions).
public struct KernelDefaults: Sendable, Hashable {
    /// `userId` of every kernel (the real service takes it from the caller's identity).
    public var userId: String
    /// `modelInfo.completionModelId` when `completionOptions.modelId` is absent.
    public var completionModelId: String
    /// `modelInfo.temperature` when `completionOptions.temperature` is absent.
    public var temperature: Double
    /// `modelInfo.maxTokens` when `completionOptions.maxTokens` is absent.
    public var maxTokens: Int
    /// The functions listed for each plugin name; a plugin not in here has none.
    public var pluginFunctions: [String: [String]]

    /// - Parameters: see the properties; the defaults mirror the seed (`gpt-4`, `0.7`, `YouTubePlugin`).
    public init(
        userId: String = "kai-standin-user",
        completionModelId: String = "gpt-4",
        temperature: Double = 0.7,
        maxTokens: Int = 2048,
        pluginFunctions: [String: [String]] = ["YouTubePlugin": ["GetChannelVideos", "GetVideoTranscript", "SearchVideos"]]
    ) {
        self.userId = userId
        self.completionModelId = completionModelId
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.pluginFunctions = pluginFunctions
    }
}
