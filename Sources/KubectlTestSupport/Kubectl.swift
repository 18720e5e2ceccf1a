public import Foundation
public import KubeTestServer

/// kubectl against a test API server, with its discovery cache in a scratch directory (nothing
/// read from or written to `~/.kube`).
public struct Kubectl: Sendable {
    /// kubectl on this machine; nil when missing (the tests that need it are then skipped).
    public static let path: String? = ExternalTool.find("kubectl", fallbacks: ["/usr/bin", "/usr/local/bin"])

    /// The kubeconfig every run uses unless told otherwise.
    public let kubeconfig: String
    private let cacheDirectory: String

    /// kubectl with `kubeconfig`, caching under `scratch`.
    public init(kubeconfig: String, scratch: ScratchDirectory) {
        self.kubeconfig = kubeconfig
        cacheDirectory = scratch.path("kube-cache")
    }

    /// kubectl as `server`'s admin: writes its kubeconfig to `scratch/kubeconfig`.
    public init(server: KubeTestServer, scratch: ScratchDirectory) throws {
        self.init(kubeconfig: try scratch.write("kubeconfig", try server.kubeconfig()), scratch: scratch)
    }

    /// Runs `kubectl <arguments>` (see ``ExternalTool/run(_:stdin:timeout:)``), with another
    /// kubeconfig when `kubeconfig` is given.
    public func run(_ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 60,
                    kubeconfig other: String? = nil) async throws -> ToolResult {
        try await ExternalTool(executable: Self.path ?? "kubectl")
            .run(["--kubeconfig", other ?? kubeconfig, "--cache-dir", cacheDirectory] + arguments, stdin: stdin, timeout: timeout)
    }
}
