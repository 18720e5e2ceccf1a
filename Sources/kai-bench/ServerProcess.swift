import Foundation

/// A `kai-bench serve` child process (see ``ServeCommand``).
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

    private let child: ChildProcess

    /// Starts `kai-bench serve` with `arguments` and waits for its `ready` line.
    init(arguments: [String]) async throws {
        child = try await ChildProcess("serve", arguments: arguments, name: "the server process", required: ["url", "kubeconfig"])
        // Both present: checked by ChildProcess.
        url = child.readyFields["url", default: ""]
        kubeconfig = child.readyFields["kubeconfig", default: ""]
        createSeconds = child.readyFields["seconds"].flatMap(Double.init) ?? 0
        serverResidentBytes = child.readyFields["rss"].flatMap(Int.init) ?? 0
    }

    /// Sends one command and returns the fields of its answer, which must start with `expecting`.
    func command(_ text: String, expecting: String) async throws -> [String: String] {
        try await child.command(text, expecting: expecting).fields
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
        child.stop()
    }
}
