import Foundation

/// A `kai-bench controller-server` child process (see ``ControllerServerCommand``).
/// Closing its standard input (``stop()``, or this process ending) makes it exit.
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

    private let child: ChildProcess

    /// Starts `kai-bench controller-server` with `arguments` and waits for its `ready` line.
    init(arguments: [String]) async throws {
        let child = try await ChildProcess("controller-server", arguments: arguments, name: "the controller server",
                                           required: ["kubeconfig", "kernel"])
        // Both present: checked by ChildProcess.
        kubeconfig = child.readyFields["kubeconfig", default: ""]
        kernelURL = child.readyFields["kernel", default: ""]
        self.child = child
    }

    /// Starts a server with `arguments`, runs `body` with it and stops the server, whether
    /// `body` returns or throws.
    static func run<T>(arguments: [String], _ body: (ControllerServerProcess) async throws -> T) async throws -> T {
        let server = try await ControllerServerProcess(arguments: arguments)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The server's counters now.
    func stats() async throws -> Stats {
        let (line, fields) = try await child.command("stats", expecting: "stats")
        guard let rv = fields["rv"].flatMap(Int64.init), let events = fields["events"].flatMap(Int.init), let cpu = fields["cpu"].flatMap(Double.init),
              let rss = fields["rss"].flatMap(Int.init), let creates = fields["kernelCreates"].flatMap(Int.init) else {
            throw BenchError("\"stats\" was answered with \"\(line)\"")
        }
        return Stats(resourceVersion: rv, events: events, cpuSeconds: cpu, residentBytes: rss, kernelCreates: creates)
    }

    /// Ends the child and waits for it.
    func stop() {
        child.stop()
    }
}
