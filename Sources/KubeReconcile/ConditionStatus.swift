/// A condition's `status`.
public enum ConditionStatus: String, Sendable, Hashable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}
