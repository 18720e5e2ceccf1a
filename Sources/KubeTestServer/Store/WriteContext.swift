import JSON

/// The options of a write request that the storage layer needs.
struct WriteContext: Sendable {
    /// The field manager recorded in `managedFields`.
    var manager: String
    var dryRun = false
    /// `Strict`, `Warn` (default) or `Ignore`.
    var fieldValidation = "Warn"
    var force = false
    var user: UserInfo
}

/// The result of a create/update/patch.
struct WriteResult: Sendable {
    var object: JSONValue
    var created: Bool
    var warnings: [String] = []
}

/// The options of a DELETE.
struct DeleteOptions: Sendable {
    enum Propagation: String, Sendable { case foreground = "Foreground", background = "Background", orphan = "Orphan" }
    var propagation: Propagation?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false
}

/// How a DELETE ended: removed at once (answered with a `Status`) or marked for deletion (answered with the object).
enum DeleteOutcome: Sendable {
    case removed(JSONValue)
    case pending(JSONValue)
}
