/// A rate limiter was configured with values it cannot work with.
public struct RateLimiterConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The parameter that is wrong, e.g. `"qps"`.
    public let parameter: String
    /// Why the value was rejected, including the value.
    public let reason: String

    public var description: String { "invalid rate limiter \(parameter): \(reason)" }
}
