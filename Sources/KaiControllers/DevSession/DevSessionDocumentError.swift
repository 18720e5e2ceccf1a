/// A document `kai-operator render -f` cannot turn into children: names the DevSession and
/// the field.
public struct DevSessionDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `DevSession <name>` (or `DevSession` without a name).
    public var object: String
    /// The path of the offending field (`spec.projectID`), empty when it is the whole object.
    public var field: String
    public var reason: String

    public init(object: String, field: String, reason: String) {
        self.object = object
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(object): \(field.isEmpty ? "" : "\(field): ")\(reason)" }
}
