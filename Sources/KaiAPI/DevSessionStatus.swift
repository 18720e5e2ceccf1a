public import KubeClient

/// What the operator observed of a ``DevSession``.
public struct DevSessionStatus: Codable, Sendable, Equatable {
    /// The generation this status describes; `-1` (the CRD default) before the first reconcile.
    public var observedGeneration: Int64?
    /// `Ready`, `Reconciling`, `Stalled` and `Available`.
    public var conditions: [Condition]?
    public var phase: DevSessionPhase?
    /// The session's namespace (the project UUID).
    public var namespace: String?
    /// `dev-session-<first 8 characters of projectUUID>`.
    public var releaseName: String?
    /// ClusterIP of the Service named after the release.
    public var ipAddress: String?
    public var previewURL: String?
    public var previewPath: String?
    public var chatURL: String?
    public var chatPath: String?
    public var vscodeURL: String?
    public var vscodePath: String?
    /// When the operator deletes the session (`creationTimestamp + spec.expiresAfter`), RFC 3339.
    public var expiresAt: String?
    /// Every child the operator manages, sorted.
    public var inventory: [DevSessionInventoryEntry]?
    /// The last value of `reconcile.fluxcd.io/requestedAt` that was handled.
    public var lastHandledReconcileAt: String?

    public init(observedGeneration: Int64? = nil, conditions: [Condition]? = nil, phase: DevSessionPhase? = nil,
                namespace: String? = nil, releaseName: String? = nil, ipAddress: String? = nil,
                previewURL: String? = nil, previewPath: String? = nil, chatURL: String? = nil, chatPath: String? = nil,
                vscodeURL: String? = nil, vscodePath: String? = nil, expiresAt: String? = nil,
                inventory: [DevSessionInventoryEntry]? = nil, lastHandledReconcileAt: String? = nil) {
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.phase = phase
        self.namespace = namespace
        self.releaseName = releaseName
        self.ipAddress = ipAddress
        self.previewURL = previewURL
        self.previewPath = previewPath
        self.chatURL = chatURL
        self.chatPath = chatPath
        self.vscodeURL = vscodeURL
        self.vscodePath = vscodePath
        self.expiresAt = expiresAt
        self.inventory = inventory
        self.lastHandledReconcileAt = lastHandledReconcileAt
    }
}
