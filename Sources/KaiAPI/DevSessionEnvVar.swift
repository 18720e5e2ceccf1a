/// An environment variable of a session container: `core/v1` `EnvVar`.
public struct DevSessionEnvVar: Codable, Sendable, Equatable {
    public var name: String
    public var value: String?
    /// Where the value comes from instead of `value`.
    public var valueFrom: DevSessionEnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: DevSessionEnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}
