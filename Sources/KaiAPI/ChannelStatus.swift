public import KubeClient

/// `Channel.status`: what the operator last saw of the kernel and the Qdrant collection.
public struct ChannelStatus: Codable, Sendable, Equatable {
    /// The generation of the spec this status describes (`-1` until first reconciled).
    public var observedGeneration: Int64?
    /// `Ready`, `Reconciling`, `Stalled`, `KernelReady`, `CollectionReady`.
    public var conditions: [Condition]?
    /// The Channel's `metadata.uid`, sent to the kernel API as `contextId`.
    public var contextID: String?
    public var kernelStatus: ChannelPhase?
    /// The last kernel API error: `"<code> <reason> - <body excerpt>"` or the transport error.
    public var kernelError: String?
    /// RFC 3339.
    public var kernelCreatedAt: String?
    /// RFC 3339: when `kernelStatus` or `kernelError` last changed.
    public var kernelLastUpdated: String?
    /// Fingerprint of the create request the kernel was made with; another value means
    /// `spec.kernel` changed and the kernel is made again.
    public var kernelSpecHash: String?
    public var qdrantCollectionStatus: ChannelPhase?
    public var qdrantCollectionError: String?
    /// RFC 3339.
    public var qdrantCollectionCreatedAt: String?
    /// RFC 3339.
    public var qdrantCollectionLastUpdated: String?
    /// Failed attempts since the last success.
    public var retryCount: Int64?
    /// RFC 3339: when the next attempt is due after a failure.
    public var nextRetryAt: String?
    /// The kernel as the kernel API last described it.
    public var kernel: ChannelKernelInfo?
    /// The last `reconcile.fluxcd.io/requestedAt` value acted on.
    public var lastHandledReconcileAt: String?
    /// The last `kai.dev/retry` value acted on.
    public var lastHandledRetry: String?

    public init(observedGeneration: Int64? = nil, conditions: [Condition]? = nil, contextID: String? = nil,
                kernelStatus: ChannelPhase? = nil, kernelError: String? = nil, kernelCreatedAt: String? = nil,
                kernelLastUpdated: String? = nil, kernelSpecHash: String? = nil,
                qdrantCollectionStatus: ChannelPhase? = nil, qdrantCollectionError: String? = nil,
                qdrantCollectionCreatedAt: String? = nil, qdrantCollectionLastUpdated: String? = nil,
                retryCount: Int64? = nil, nextRetryAt: String? = nil, kernel: ChannelKernelInfo? = nil,
                lastHandledReconcileAt: String? = nil, lastHandledRetry: String? = nil) {
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.contextID = contextID
        self.kernelStatus = kernelStatus
        self.kernelError = kernelError
        self.kernelCreatedAt = kernelCreatedAt
        self.kernelLastUpdated = kernelLastUpdated
        self.kernelSpecHash = kernelSpecHash
        self.qdrantCollectionStatus = qdrantCollectionStatus
        self.qdrantCollectionError = qdrantCollectionError
        self.qdrantCollectionCreatedAt = qdrantCollectionCreatedAt
        self.qdrantCollectionLastUpdated = qdrantCollectionLastUpdated
        self.retryCount = retryCount
        self.nextRetryAt = nextRetryAt
        self.kernel = kernel
        self.lastHandledReconcileAt = lastHandledReconcileAt
        self.lastHandledRetry = lastHandledRetry
    }

    /// The condition of `type`, if present.
    public func condition(_ type: String) -> Condition? {
        conditions?.first { $0.type == type }
    }
}
