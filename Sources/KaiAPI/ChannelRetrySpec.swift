/// `Channel.spec.retry`: how failed kernel API calls are retried.
///
/// After failure `n` the next attempt comes `initialDelaySeconds * 2^(n-1)` seconds later
/// (at most `maxDelaySeconds`, minus up to 10% jitter); after `maxRetries` failures the
/// Channel is `Stalled` until its spec or its `kai.dev/retry` annotation changes.
public struct ChannelRetrySpec: Codable, Sendable, Equatable, Hashable {
    /// Failures before the operator stops retrying (default 5; 0 never retries).
    public var maxRetries: Int64
    /// Delay after the first failure (default 3, at least 1).
    public var initialDelaySeconds: Int64
    /// Longest delay (default 300).
    public var maxDelaySeconds: Int64

    /// The CRD's defaults.
    public enum Defaults {
        public static let maxRetries: Int64 = 5
        public static let initialDelaySeconds: Int64 = 3
        public static let maxDelaySeconds: Int64 = 300
    }

    public init(maxRetries: Int64 = Defaults.maxRetries, initialDelaySeconds: Int64 = Defaults.initialDelaySeconds,
                maxDelaySeconds: Int64 = Defaults.maxDelaySeconds) {
        self.maxRetries = maxRetries
        self.initialDelaySeconds = initialDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    enum CodingKeys: String, CodingKey { case maxRetries, initialDelaySeconds, maxDelaySeconds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxRetries = try c.decodeIfPresent(Int64.self, forKey: .maxRetries) ?? Defaults.maxRetries
        initialDelaySeconds = try c.decodeIfPresent(Int64.self, forKey: .initialDelaySeconds) ?? Defaults.initialDelaySeconds
        maxDelaySeconds = try c.decodeIfPresent(Int64.self, forKey: .maxDelaySeconds) ?? Defaults.maxDelaySeconds
    }
}
