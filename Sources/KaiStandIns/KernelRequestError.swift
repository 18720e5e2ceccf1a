/// Why a kernel API request is invalid; answered as 400 `{"message": ...}`.
struct KernelRequestError: Error, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
