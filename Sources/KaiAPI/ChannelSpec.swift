public import JSON

/// `Channel.spec`. Fields with a schema default are non-optional: decoding fills in the same
/// default as the CRD (a test keeps the two equal), so an object stored before a default
/// existed reads the way the API server would default it today.
public struct ChannelSpec: Codable, Sendable, Equatable {
    /// The channel's name as users see it; 1 to 255 characters.
    public var displayName: String
    public var description: String?
    /// The owning user, free form.
    public var userID: String?
    /// Free-form configuration (`x-kubernetes-preserve-unknown-fields`).
    public var config: JSONValue?
    /// The options the kernel is created with.
    public var kernel: ChannelKernelSpec
    /// Where the kernel API is and how to authenticate; nil uses the operator-wide settings.
    public var kernelAPI: ChannelKernelAPISpec?
    /// How failed kernel API calls are retried.
    public var retry: ChannelRetrySpec
    /// How long a kernel may stay `Creating` before that counts as a failure (default 300).
    public var creatingTimeoutSeconds: Int64
    /// How often a created kernel is checked again (default 600).
    public var resyncIntervalSeconds: Int64
    /// Stops reconciliation while true.
    public var suspend: Bool

    /// The CRD's defaults.
    public enum Defaults {
        public static let creatingTimeoutSeconds: Int64 = 300
        public static let resyncIntervalSeconds: Int64 = 600
        public static let suspend = false
    }

    public init(displayName: String, description: String? = nil, userID: String? = nil, config: JSONValue? = nil,
                kernel: ChannelKernelSpec = ChannelKernelSpec(), kernelAPI: ChannelKernelAPISpec? = nil,
                retry: ChannelRetrySpec = ChannelRetrySpec(),
                creatingTimeoutSeconds: Int64 = Defaults.creatingTimeoutSeconds,
                resyncIntervalSeconds: Int64 = Defaults.resyncIntervalSeconds, suspend: Bool = Defaults.suspend) {
        self.displayName = displayName
        self.description = description
        self.userID = userID
        self.config = config
        self.kernel = kernel
        self.kernelAPI = kernelAPI
        self.retry = retry
        self.creatingTimeoutSeconds = creatingTimeoutSeconds
        self.resyncIntervalSeconds = resyncIntervalSeconds
        self.suspend = suspend
    }

    enum CodingKeys: String, CodingKey {
        case displayName, description, userID, config, kernel, kernelAPI, retry, creatingTimeoutSeconds,
             resyncIntervalSeconds, suspend
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        displayName = try c.decode(String.self, forKey: .displayName)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        userID = try c.decodeIfPresent(String.self, forKey: .userID)
        config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
        kernel = try c.decodeIfPresent(ChannelKernelSpec.self, forKey: .kernel) ?? ChannelKernelSpec()
        kernelAPI = try c.decodeIfPresent(ChannelKernelAPISpec.self, forKey: .kernelAPI)
        retry = try c.decodeIfPresent(ChannelRetrySpec.self, forKey: .retry) ?? ChannelRetrySpec()
        creatingTimeoutSeconds = try c.decodeIfPresent(Int64.self, forKey: .creatingTimeoutSeconds) ?? Defaults.creatingTimeoutSeconds
        resyncIntervalSeconds = try c.decodeIfPresent(Int64.self, forKey: .resyncIntervalSeconds) ?? Defaults.resyncIntervalSeconds
        suspend = try c.decodeIfPresent(Bool.self, forKey: .suspend) ?? Defaults.suspend
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(displayName, forKey: .displayName)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(userID, forKey: .userID)
        try c.encodeIfPresent(config, forKey: .config)
        try c.encode(kernel, forKey: .kernel)
        try c.encodeIfPresent(kernelAPI, forKey: .kernelAPI)
        try c.encode(retry, forKey: .retry)
        try c.encode(creatingTimeoutSeconds, forKey: .creatingTimeoutSeconds)
        try c.encode(resyncIntervalSeconds, forKey: .resyncIntervalSeconds)
        try c.encode(suspend, forKey: .suspend)
    }
}
