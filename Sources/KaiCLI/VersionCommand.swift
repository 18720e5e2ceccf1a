public import ArgumentParser

/// `kai-operator version`.
public struct VersionCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the operator's version.")

    @Flag(name: .long, help: "Print only the version number.")
    var short = false

    public init() {}

    public func run() async throws {
        if short {
            print(KaiVersion.current)
        } else {
            #if os(Linux)
            let platform = "linux"
            #else
            let platform = "darwin"
            #endif
            #if arch(x86_64)
            let arch = "amd64"
            #else
            let arch = "arm64"
            #endif
            print("kai-operator \(KaiVersion.current) (\(platform)/\(arch), API kai.dev/v1alpha1)")
        }
    }
}
