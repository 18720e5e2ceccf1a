public import Foundation

/// helm with its cache, configuration and data in a scratch directory (nothing read from or
/// written to `~`).
public struct Helm: Sendable {
    /// helm on this machine; nil when missing (the tests that need it are then skipped).
    public static let path: String? = ExternalTool.find("helm", fallbacks: ["/usr/local/bin", "/usr/bin",
                                                                            "/root/.pyenv/versions/3.11.7/bin"])

    private let tool: ExternalTool
    private let kubeconfig: String?

    /// helm keeping its files under `scratch`, talking to the cluster of `kubeconfig` when given.
    public init(scratch: ScratchDirectory, kubeconfig: String? = nil) {
        tool = ExternalTool(executable: Self.path ?? "helm", environment: [
            "HELM_CACHE_HOME": scratch.path("helm-cache"), "HELM_CONFIG_HOME": scratch.path("helm-config"),
            "HELM_DATA_HOME": scratch.path("helm-data"),
        ])
        self.kubeconfig = kubeconfig
    }

    /// Runs `helm <arguments>` (see ``ExternalTool/run(_:stdin:timeout:)``).
    public func run(_ arguments: [String], timeout: TimeInterval = 60) async throws -> ToolResult {
        try await tool.run(arguments + (kubeconfig.map { ["--kubeconfig", $0] } ?? []), timeout: timeout)
    }
}
