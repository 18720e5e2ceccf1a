/// A label selector that does not parse; names the selector, the position and the problem.
public struct LabelSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The selector text as given.
    public var selector: String
    /// Character offset (0-based) where the problem was found.
    public var position: Int
    /// What is wrong, e.g. `expected '(' after 'in', found 'prod'`.
    public var message: String

    /// An error.
    public init(selector: String, position: Int, message: String) {
        self.selector = selector
        self.position = position
        self.message = message
    }

    public var description: String {
        "invalid label selector \"\(selector)\" at position \(position): \(message)"
    }
}
