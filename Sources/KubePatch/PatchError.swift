/// A patch that cannot be applied, phrased the way the Kubernetes API server
/// reports it.
///
/// `code`, `reason` and `message` are what goes into the `Status` the server
/// answers with; `detail` says precisely what is wrong (the server sometimes
/// hides it, e.g. JSON-patch failures get a generic 422 message).
public struct PatchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// HTTP status code the API server answers with (400 or 422).
    public var code: Int
    /// `Status.reason`: `BadRequest` for 400, `Invalid` for 422.
    public var reason: String
    /// `Status.message`, in the API server's wording.
    public var message: String
    /// What exactly is wrong; equal to `message` when the server shows it.
    public var detail: String

    public init(code: Int, reason: String, message: String, detail: String? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.detail = detail ?? message
    }

    public var description: String { detail == message ? message : "\(message): \(detail)" }

    /// A 400 BadRequest whose message is shown to the client as is.
    public static func badRequest(_ message: String) -> PatchError {
        PatchError(code: 400, reason: "BadRequest", message: message)
    }

    /// The generic 422 the API server answers when a JSON patch operation
    /// fails (`test` mismatch, missing path, bad index): the specific reason
    /// is not returned to the client, only kept in `detail`.
    public static func rejected(_ detail: String) -> PatchError {
        PatchError(code: 422, reason: "Invalid",
                   message: "the server rejected our request due to an error in our request", detail: detail)
    }
}
