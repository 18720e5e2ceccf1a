/// `Channel.status.kernel`: the kernel as the kernel API last described it (the seed's
/// `KernelResponse`, with the Kubernetes-style `ID` spelling).
public struct ChannelKernelInfo: Codable, Sendable, Equatable, Hashable {
    /// `modelInfo` of the answer.
    public struct ModelInfo: Codable, Sendable, Equatable, Hashable {
        public var completionModelID: String?
        public var temperature: Double?
        public var maxTokens: Int64?

        public init(completionModelID: String? = nil, temperature: Double? = nil, maxTokens: Int64? = nil) {
            self.completionModelID = completionModelID
            self.temperature = temperature
            self.maxTokens = maxTokens
        }
    }

    /// One entry of `plugins`.
    public struct Plugin: Codable, Sendable, Equatable, Hashable {
        public var name: String?
        public var functions: [String]?

        public init(name: String? = nil, functions: [String]? = nil) {
            self.name = name
            self.functions = functions
        }
    }

    /// `userId` of the answer.
    public var userID: String?
    /// `lastAccessTime` as the kernel API wrote it.
    public var lastAccessTime: String?
    public var modelInfo: ModelInfo?
    public var plugins: [Plugin]?

    public init(userID: String? = nil, lastAccessTime: String? = nil, modelInfo: ModelInfo? = nil, plugins: [Plugin]? = nil) {
        self.userID = userID
        self.lastAccessTime = lastAccessTime
        self.modelInfo = modelInfo
        self.plugins = plugins
    }
}
