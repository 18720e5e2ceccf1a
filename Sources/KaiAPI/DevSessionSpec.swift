/// What a ``DevSession`` runs. Optional fields have the CRD's defaults (``DevSessionDefaults``),
/// applied by the API server; the renderer applies the same ones to a hand-written file.
public struct DevSessionSpec: Codable, Sendable, Equatable {
    /// The project's UUID (lowercase): the session's namespace. Immutable.
    public var projectUUID: String
    /// The project's numeric id.
    public var projectID: Int64
    /// The owning user's numeric id.
    public var userID: Int64
    /// The application preview container (port 3000, path `/preview`).
    public var preview: DevSessionContainer?
    /// The AI chat container (port 3001, path `/chat`).
    public var chat: DevSessionContainer?
    /// The VS Code web editor container (port 8080, path `/vscode`).
    public var vscode: DevSessionContainer?
    /// Compute resources of each of the three containers (default: limits cpu `2000m`, memory `4Gi`).
    public var resources: DevSessionResources?
    /// The workspace volume.
    public var storage: DevSessionStorage?
    /// Path-based routing.
    public var ingress: DevSessionIngress?
    /// A Go duration (`8760h` by default): past `creationTimestamp + expiresAfter` the operator
    /// deletes the DevSession.
    public var expiresAfter: String?
    /// `true` scales the session to zero and keeps its storage.
    public var suspend: Bool?

    public init(projectUUID: String, projectID: Int64, userID: Int64, preview: DevSessionContainer? = nil,
                chat: DevSessionContainer? = nil, vscode: DevSessionContainer? = nil,
                resources: DevSessionResources? = nil, storage: DevSessionStorage? = nil,
                ingress: DevSessionIngress? = nil, expiresAfter: String? = nil, suspend: Bool? = nil) {
        self.projectUUID = projectUUID
        self.projectID = projectID
        self.userID = userID
        self.preview = preview
        self.chat = chat
        self.vscode = vscode
        self.resources = resources
        self.storage = storage
        self.ingress = ingress
        self.expiresAfter = expiresAfter
        self.suspend = suspend
    }
}
