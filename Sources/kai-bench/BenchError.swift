/// A benchmark that could not run as planned; the message says what went wrong.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
