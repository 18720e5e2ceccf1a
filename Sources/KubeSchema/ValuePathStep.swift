/// One step from a value to a nested value: an object member or a list item.
enum ValuePathStep: Sendable, Equatable {
    case field(String)
    case index(Int)
}
