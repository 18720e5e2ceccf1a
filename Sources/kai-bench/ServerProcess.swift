import Foundation

/// A `kai-bench serve` child process and the pipes to talk to it (see ``ServeCommand``).
///
/// Used from one task. Closing its standard input (``stop()``, or this process ending) makes
/// the child shut its server down and exit.
final class ServerProcess {
    /// The server's base URL.
    let url: String
    /// A kubeconfig for the server's admin, written by the child (removed when it exits).
    let kubeconfig: String
    /// How long the child took to create the initial objects.
    let createSeconds: Double
    /// The child's resident memory once the objects existed.
    let serverResidentBytes: Int

    private let process: Process
    private let input: FileHandle
    private var lines: AsyncStream<String>.Iterator

    /// Starts `kai-bench serve` with `arguments` and waits for its `ready` line.
    init(arguments: [String]) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executablePath())
        process.arguments = ["serve"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        input = stdin.fileHandleForWriting
        lines = LineStream.lines(of: stdout.fileHandleForReading.fileDescriptor).makeAsyncIterator()

        guard let line = await lines.next() else {
            process.waitUntilExit()
            throw BenchError("the server process exited (status \(process.terminationStatus)) before it was ready")
        }
        let (word, fields) = parseFields(line)
        guard word == "ready", let url = fields["url"], let kubeconfig = fields["kubeconfig"] else {
            throw BenchError("the server process answered \"\(line)\" instead of ready")
        }
        self.url = url
        self.kubeconfig = kubeconfig
        createSeconds = fields["seconds"].flatMap(Double.init) ?? 0
        serverResidentBytes = fields["rss"].flatMap(Int.init) ?? 0
    }

    /// Sends one command and returns the fields of its answer, which must start with `expecting`.
    func command(_ text: String, expecting: String) async throws -> [String: String] {
        input.write(Data((text + "\n").utf8))
        guard let line = await lines.next() else {
            throw BenchError("the server process exited while running \"\(text)\"")
        }
        let (word, fields) = parseFields(line)
        guard word == expecting else { throw BenchError("\"\(text)\" was answered with \"\(line)\"") }
        return fields
    }

    /// Waits until the server has at least `count` open watches (the informer is then live).
    func waitForWatches(_ count: Int = 1) async throws {
        for _ in 0..<2000 {
            let fields = try await command("watches", expecting: "watches")
            if let open = fields["count"].flatMap(Int.init), open >= count { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw BenchError("the informer's watch never opened")
    }

    /// Ends the child and waits for it.
    func stop() {
        try? input.close()
        process.waitUntilExit()
    }

    /// This executable, to start it again as the server.
    static func executablePath() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("cannot find this executable (/proc/self/exe points to \(path))")
        }
        return path
    }
}
