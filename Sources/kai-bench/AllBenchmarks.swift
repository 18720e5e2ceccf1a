import ArgumentParser

/// Every benchmark of `docs/benchmarks.md`, each in a fresh process so that none inherits
/// another's heap.
struct AllBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every benchmark (queue, cache 10k and 50k, events, latency, devsessions, channels), each in a fresh process.")

    @Flag(help: "Talk HTTPS to the server (default: plain HTTP on loopback).")
    var tls = false

    func run() async throws {
        let transport = tls ? ["--tls"] : []
        try runFreshProcess(["queue"])
        try runFreshProcess(["cache", "--objects", "10000"] + transport)
        try runFreshProcess(["cache", "--objects", "50000"] + transport)
        try runFreshProcess(["events"] + transport)
        try runFreshProcess(["latency"] + transport)
        // The controller benchmarks talk HTTPS to a sandbox, as the operator does to a cluster.
        try runFreshProcess(["devsessions"])
        try runFreshProcess(["channels"])
    }
}
