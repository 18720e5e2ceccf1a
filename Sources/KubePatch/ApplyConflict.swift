/// A server-side apply that would change fields other managers own
/// (HTTP 409 `Conflict`).
public struct ApplyConflict: Error, Sendable, CustomStringConvertible {
    /// One conflicting field: the other manager's name and the field path
    /// (`.spec.replicas`), ordered by manager then path.
    public var conflicts: [(manager: String, field: String)]

    /// The `details.causes` of the 409 Status, in the API server's wording.
    public var causes: [Cause]

    /// `Status.message`: `Apply failed with 1 conflict: conflict with "alice": .spec.size`,
    /// or one `conflicts with ...:` block per manager for several.
    public var message: String

    /// One `details.causes` entry of the 409 Status.
    public struct Cause: Sendable, Equatable {
        /// Always `FieldManagerConflict`.
        public var reason: String
        /// `conflict with "bob"`, `conflict with "demo-client" using v1`.
        public var message: String
        /// The field path, `.spec.size`.
        public var field: String

        public init(reason: String = "FieldManagerConflict", message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public var description: String { message }

    /// Builds the error from each conflicting manager's fields.
    init(_ byManager: [ManagedFields.Manager: FieldSet]) {
        let managers = byManager.keys.sorted { $0.identifier < $1.identifier }
        var conflicts: [(manager: String, field: String)] = []
        var causes: [Cause] = []
        var blocks: [String] = []
        for manager in managers {
            let paths = (byManager[manager] ?? FieldSet()).paths.map(\.description)
            blocks.append("conflicts with \(manager.printed):")
            for path in paths {
                conflicts.append((manager.name, path))
                causes.append(Cause(reason: "FieldManagerConflict", message: "conflict with \(manager.printed)", field: path))
                blocks.append("- \(path)")
            }
        }
        self.conflicts = conflicts
        self.causes = causes
        if causes.count == 1 {
            message = "Apply failed with 1 conflict: \(causes[0].message): \(causes[0].field)"
        } else {
            message = "Apply failed with \(causes.count) conflicts: " + blocks.joined(separator: "\n")
        }
    }
}
