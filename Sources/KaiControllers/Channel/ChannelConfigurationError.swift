/// A Channel controller setting that cannot work (a flag, an environment variable, a token file).
public struct ChannelConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag or variable, e.g. `--kernel-api-url`.
    public var setting: String
    /// What is wrong with it.
    public var reason: String

    public init(setting: String, reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "\(setting): \(reason)" }
}
