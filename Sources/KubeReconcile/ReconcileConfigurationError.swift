/// A controller, manager, leader-election or event-recorder setting is out of range.
public struct ReconcileConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The setting, as the flag or field that sets it (`--max-concurrent-reconciles`).
    public var setting: String
    /// What is wrong with it.
    public var reason: String

    /// An error about `setting`.
    public init(setting: String, reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "\(setting): \(reason)" }
}
