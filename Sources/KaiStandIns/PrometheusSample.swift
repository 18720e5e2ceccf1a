/// One series of an instant vector: its labels and its value at the query time.
public struct PrometheusSample: Sendable, Hashable {
    /// The series' labels (`__name__`, `job`, ...).
    public var labels: [String: String]
    /// The sample value.
    public var value: Double

    /// A series with `value` and `labels`.
    public init(value: Double, labels: [String: String] = [:]) {
        self.value = value
        self.labels = labels
    }
}
