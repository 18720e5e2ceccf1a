public import ArgumentParser

/// `kai-operator`: the controller and its companion commands.
public struct KaiOperatorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kai-operator",
        abstract: "Kubernetes operator for the KAI platform: Channels, DevSessions and PlatformDeployments.",
        version: KaiVersion.current,
        subcommands: [RunCommand.self, RenderCommand.self, CheckCommand.self, VersionCommand.self])

    public init() {}
}

/// The build's version.
public enum KaiVersion {
    public static let current = "0.1.0"
}
