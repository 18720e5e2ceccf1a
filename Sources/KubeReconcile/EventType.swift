/// An Event's `type`.
public enum EventType: String, Sendable, Hashable {
    /// Something a person may want to know happened.
    case normal = "Normal"
    /// Something went wrong or needs attention.
    case warning = "Warning"
}
