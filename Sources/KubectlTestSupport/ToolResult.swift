/// How an external program run by ``ExternalTool`` ended, and what it printed.
public struct ToolResult: Sendable, CustomStringConvertible {
    /// The exit status (the signal number when the deadline terminated it).
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Status and both outputs (4,000 characters of each at most), for a failed expectation's message.
    public var description: String { "exit \(status)\nstdout:\n\(stdout.prefix(4000))\nstderr:\n\(stderr.prefix(4000))" }
}
