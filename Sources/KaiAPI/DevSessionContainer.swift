/// One of the session's three containers: `preview`, `chat` or `vscode`.
public struct DevSessionContainer: Codable, Sendable, Equatable {
    /// The image; see ``DevSessionDefaults`` for each container's default. An image without a
    /// tag is allowed (it means `latest`) but gets a warning event, since `latest` floats.
    public var image: String?
    /// The container port, also the port of its Service.
    public var port: Int32?
    /// Environment variables (a list keyed by `name`).
    public var env: [DevSessionEnvVar]?

    public init(image: String? = nil, port: Int32? = nil, env: [DevSessionEnvVar]? = nil) {
        self.image = image
        self.port = port
        self.env = env
    }
}
