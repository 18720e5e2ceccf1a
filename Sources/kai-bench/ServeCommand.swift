import ArgumentParser
import Foundation
import JSON
import KubeTestServer
import Logging

/// `kai-bench serve`: the sandbox API server in a process of its own, so that the benchmark
/// process measures only its own (the cache's) memory.
///
/// Started by the other benchmarks. It bulk-creates the objects through the server's in-process
/// API (no HTTP), prints `ready url=… kubeconfig=… objects=… seconds=… rss=…` and then obeys one
/// command per line on standard input, answering each with one line:
///
/// | command | effect | answer |
/// |---|---|---|
/// | `create COUNT PREFIX` | creates `PREFIX-0` … as fast as it can | `created count=… seconds=…` |
/// | `latency COUNT INTERVAL_MS PREFIX` | creates objects one at a time, spaced, each stamped with the wall-clock time just before the write | `stamped count=…` |
/// | `cut` | ends every watch and fails new ones (503) until `heal` | `cut` |
/// | `heal` | accepts watches again | `healed` |
/// | `watches` | | `watches count=…` (open watch streams) |
/// | `rss` | | `rss bytes=…` |
///
/// It exits at end of input (so it never outlives the benchmark that started it).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the sandbox API server with N benchmark objects (a child process of the other benchmarks).")

    @Option(help: "Objects to create before reporting ready.")
    var objects = 0

    @Option(help: "Namespace of the objects.")
    var namespace = "bench"

    @Flag(help: "Serve HTTPS (the default is plain HTTP on loopback).")
    var tls = false

    @Option(help: "Changes kept per resource for watch resumption.")
    var historyLimit = 1000

    func validate() throws {
        guard objects >= 0 else { throw ValidationError("--objects must be 0 or more, got \(objects)") }
        guard historyLimit >= 1 else { throw ValidationError("--history-limit must be at least 1, got \(historyLimit)") }
    }

    func run() async throws {
        let quiet = Logger.quiet("kai-bench.server")
        let server = try KubeTestServer(options: .init(tls: tls, logger: quiet, eventHistoryLimit: historyLimit))
        try await server.start()
        try await server.installCRD(BenchChannel.crd)
        try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])

        let clock = ContinuousClock()
        let start = clock.now
        try await create(objects, prefix: "obj", on: server)
        let elapsed = start.duration(to: clock.now)

        let kubeconfig = FileManager.default.temporaryDirectory
            .appendingPathComponent("kai-bench-\(ProcessInfo.processInfo.processIdentifier).kubeconfig").path
        try server.kubeconfig(namespace: namespace).write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
        emit("ready url=\(server.url) kubeconfig=\(kubeconfig) objects=\(objects) seconds=\(seconds(elapsed)) rss=\(residentBytes())")

        await ChildProcess.answerCommands { line in try await handle(line, server: server) }
        await server.shutdown()
    }

    func handle(_ line: String, server: KubeTestServer) async throws {
        let words = line.split(separator: " ").map(String.init)
        switch (words.first, words.count) {
        case ("create", 3):
            guard let count = Int(words[1]), count >= 0 else { throw BenchError("create: bad count \"\(words[1])\"") }
            let clock = ContinuousClock()
            let start = clock.now
            try await create(count, prefix: words[2], on: server)
            emit("created count=\(count) seconds=\(seconds(start.duration(to: clock.now)))")
        case ("latency", 4):
            guard let count = Int(words[1]), count >= 0, let interval = Int(words[2]), interval >= 0 else {
                throw BenchError("latency: bad count or interval in \"\(line)\"")
            }
            for index in 0..<count {
                // Stamped just before the write: the sample covers the server's work too.
                let object = BenchChannel.sample(name: "\(words[3])-\(index)", namespace: namespace, index: index,
                                                 writtenAt: Date())
                try await server.create(object)
                try await Task.sleep(for: .milliseconds(interval))
            }
            emit("stamped count=\(count)")
        case ("cut", 1):
            // Watches fail until `heal`; the open ones end now. The informer keeps retrying.
            server.faults.failNext(Int.max, withStatus: 503, verb: "watch")
            await server.faults.dropWatchConnections()
            emit("cut")
        case ("heal", 1):
            server.faults.reset()
            emit("healed")
        case ("watches", 1):
            emit("watches count=\(await server.openWatchCount())")
        case ("rss", 1):
            emit("rss bytes=\(residentBytes())")
        default:
            throw BenchError("unknown command \"\(line)\"")
        }
    }

    /// Creates `count` objects one after the other through the server's in-process API.
    func create(_ count: Int, prefix: String, on server: KubeTestServer) async throws {
        for index in 0..<count {
            try await server.create(BenchChannel.sample(name: "\(prefix)-\(index)", namespace: namespace, index: index))
        }
    }
}
