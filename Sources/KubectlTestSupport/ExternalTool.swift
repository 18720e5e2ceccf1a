public import Foundation

/// An external program (kubectl, helm) that tests run with a deadline.
///
/// Each run blocks a thread of its own, not one of the cooperative pool's, and sends the output
/// to files: no pipe buffer can fill and stall the program while the deadline is watched.
public struct ExternalTool: Sendable {
    /// The program's path.
    public let executable: String
    /// Set on top of this process's environment.
    public var environment: [String: String]

    public init(executable: String, environment: [String: String] = [:]) {
        self.executable = executable
        self.environment = environment
    }

    /// The first executable `name` in the directories of `PATH`, then in `fallbacks`; nil when
    /// there is none (the tests that need it are then skipped).
    public static func find(_ name: String, fallbacks: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + fallbacks
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the program with `arguments`, `stdin` as its standard input (empty when nil), and
    /// terminates it when it is still running after `timeout` seconds.
    /// - Throws: when the program cannot be started or its output files cannot be made.
    public func run(_ arguments: [String], stdin: String? = nil, timeout: TimeInterval = 60) async throws -> ToolResult {
        let executable = executable
        let environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result {
                    try Self.runBlocking(executable, arguments, environment: environment, stdin: stdin, timeout: timeout)
                })
            }.start()
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String],
                                    stdin: String?, timeout: TimeInterval) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("external-tool-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        guard let out = try? FileHandle(forWritingTo: outURL), let err = try? FileHandle(forWritingTo: errURL) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: base.path])
        }
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        if let stdin, let input {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { stop(process) }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return ToolResult(status: process.terminationStatus,
                          stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// SIGTERM, then SIGKILL a second later: a child may inherit SIGTERM blocked or ignored
    /// (the test runner's signal mask), and the deadline must hold all the same.
    private static func stop(_ process: Process) {
        process.terminate()
        let grace = Date().addingTimeInterval(1)
        while process.isRunning && Date() < grace { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
