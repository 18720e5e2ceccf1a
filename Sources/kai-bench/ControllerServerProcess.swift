import Foundation

/// A `kai-bench controller-server` child process (see ``ControllerServerCommand``) and the pipes
/// to talk to it. Closing its standard input (``stop()``, or this process ending) makes it exit.
actor ControllerServerProcess {
    /// What the server process reported at one moment.
    struct Stats: Sendable {
        /// The cluster's resourceVersion: it grows by one per committed write of any resource.
        var resourceVersion: Int64
        /// Events stored (any namespace).
        var events: Int
        /// CPU seconds (user + system) the server process has used.
        var cpuSeconds: Double
        var residentBytes: Int
        /// Kernel creates the stand-in has served.
        var kernelCreates: Int
    }

    /// A kubeconfig for the sandbox's admin (removed when the child exits).
    let kubeconfig: String
    /// The kernel API stand-in's base URL.
    let kernelURL: String

    private let process: Process
    private let input: FileHandle
    /// Taken while a command waits for its answer, so that two commands never read each other's.
    private var lines: AsyncStream<String>.Iterator?

    /// Starts `kai-bench controller-server` with `arguments` and waits for its `ready` line.
    init(arguments: [String]) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try ServerProcess.executablePath())
        process.arguments = ["controller-server"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        input = stdin.fileHandleForWriting
        var iterator = LineStream.lines(of: stdout.fileHandleForReading.fileDescriptor).makeAsyncIterator()
        guard let line = await iterator.next() else {
            process.waitUntilExit()
            throw BenchError("the controller server exited (status \(process.terminationStatus)) before it was ready")
        }
        let (word, fields) = parseFields(line)
        guard word == "ready", let kubeconfig = fields["kubeconfig"], let kernelURL = fields["kernel"] else {
            try? input.close()
            throw BenchError("the controller server answered \"\(line)\" instead of ready")
        }
        self.kubeconfig = kubeconfig
        self.kernelURL = kernelURL
        lines = iterator
    }

    /// The server's counters now.
    func stats() async throws -> Stats {
        guard var iterator = lines else { throw BenchError("another command to the controller server is still waiting") }
        lines = nil
        input.write(Data("stats\n".utf8))
        let line = await iterator.next(isolation: self)
        lines = iterator
        guard let line else { throw BenchError("the controller server exited while asked for its stats") }
        let (word, fields) = parseFields(line)
        guard word == "stats", let rv = fields["rv"].flatMap(Int64.init), let events = fields["events"].flatMap(Int.init), let cpu = fields["cpu"].flatMap(Double.init),
              let rss = fields["rss"].flatMap(Int.init), let creates = fields["kernelCreates"].flatMap(Int.init) else {
            throw BenchError("\"stats\" was answered with \"\(line)\"")
        }
        return Stats(resourceVersion: rv, events: events, cpuSeconds: cpu, residentBytes: rss, kernelCreates: creates)
    }

    /// Ends the child and waits for it.
    func stop() {
        try? input.close()
        process.waitUntilExit()
    }
}
