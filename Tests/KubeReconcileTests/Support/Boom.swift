/// An error for reconcilers that fail on purpose.
struct Boom: Error, CustomStringConvertible {
    var description: String { "boom" }
}
