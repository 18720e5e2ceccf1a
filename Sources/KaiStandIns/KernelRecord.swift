public import Foundation
public import JSON

/// A kernel held by the kernel API stand-in: what `GET /api/kernel/info` answers,
/// plus what the create request asked for, so tests can check what the operator sent.
public struct KernelRecord: Sendable, Equatable {
    /// The context (channel) id the kernel belongs to.
    public var contextId: String
    /// `userId` of the answer.
    public var userId: String
    /// `lastAccessTime` of the answer: set on create, refreshed by every `info`.
    public var lastAccessTime: Date
    /// `modelInfo.completionModelId`.
    public var completionModelId: String
    /// `modelInfo.temperature`.
    public var temperature: Double
    /// `modelInfo.maxTokens`.
    public var maxTokens: Int
    /// `embeddingOptions.modelId` of the create request, if any (not part of the answer).
    public var embeddingModelId: String?
    /// `plugins` of the answer, one per enabled plugin.
    public var plugins: [KernelPlugin]
    /// The create request's body as received; nil for a kernel inserted by a test.
    public var createRequest: JSONValue?

    /// A kernel, e.g. for ``KernelAPIStandIn/insertKernel(_:)``; unset fields take ``KernelDefaults``' values.
    public init(
        contextId: String,
        userId: String = KernelDefaults().userId,
        lastAccessTime: Date = Date(),
        completionModelId: String = KernelDefaults().completionModelId,
        temperature: Double = KernelDefaults().temperature,
        maxTokens: Int = KernelDefaults().maxTokens,
        embeddingModelId: String? = nil,
        plugins: [KernelPlugin] = [],
        createRequest: JSONValue? = nil
    ) {
        self.contextId = contextId
        self.userId = userId
        self.lastAccessTime = lastAccessTime
        self.completionModelId = completionModelId
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.embeddingModelId = embeddingModelId
        self.plugins = plugins
        self.createRequest = createRequest
    }
}
