/// Why a protobuf body could not be read: what is wrong and where (the message and field path).
struct ProtobufError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    /// The same error, located in `field` of the enclosing message (`spec.template.spec.containers`).
    func inField(_ field: String) -> ProtobufError {
        ProtobufError(message.hasPrefix("field ") ? "field \(field)." + message.dropFirst(6) : "field \(field): \(message)")
    }

    var description: String { message }
}
