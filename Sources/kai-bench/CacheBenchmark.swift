import ArgumentParser
import Foundation

/// Cache sync time and resident memory with N objects: the informer lists them from a server in
/// another process, caches them and enqueues their keys, as a controller's informer does.
struct CacheBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Informer sync time and resident memory with N custom objects (one fresh process per N).")

    @Option(parsing: .upToNextOption, help: "Object counts to measure, each in a fresh process.")
    var objects: [Int] = [10_000, 50_000]

    @Option(help: "Namespace of the objects.")
    var namespace = "bench"

    @Flag(help: "Talk HTTPS to the server (default: plain HTTP on loopback).")
    var tls = false

    func validate() throws {
        guard !objects.isEmpty, objects.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--objects needs one or more positive counts, got \(objects)")
        }
    }

    func run() async throws {
        guard objects.count == 1, let count = objects.first else {
            // Memory is only comparable in a process that has cached nothing before.
            for count in objects {
                try runFreshProcess(["cache", "--objects", "\(count)", "--namespace", namespace] + (tls ? ["--tls"] : []))
            }
            return
        }
        try await measure(count)
    }

    func measure(_ count: Int) async throws {
        let server = try await ServerProcess(arguments: ["--objects", "\(count)", "--namespace", namespace] + (tls ? ["--tls"] : []))
        defer { server.stop() }
        emit("cache sync, \(count) objects (server process: created them in \(format(server.createSeconds)) s, "
              + "its RSS \(mebibytes(server.serverResidentBytes)))")

        let pipeline = try Pipeline(server: server, namespace: namespace)
        let before = residentBytes()
        let anonymousBefore = anonymousResidentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = cpuTime()
        let task = pipeline.start()
        defer { task.cancel() }
        guard await pipeline.informer.waitForSync() else { throw BenchError("the informer never synced") }
        let elapsed = start.duration(to: clock.now)
        let cpu = cpuTime() - cpuStart
        // Measured once the informer watches: by then it has let go of the list it buffered
        // (the signal is set while that list is still in scope).
        try await server.waitForWatches()
        let after = residentBytes()
        let anonymousAfter = anonymousResidentBytes()
        let peak = peakResidentBytes()
        let cached = pipeline.informer.store.count
        guard cached == count else { throw BenchError("the cache holds \(cached) objects, expected \(count)") }
        let trimmed = trimmedResidentBytes()

        emit("  sync \(format(seconds(elapsed))) s (\(rate(count, elapsed)) objects; this process used \(format(seconds(cpu))) s CPU; "
             + "load average \(loadAverage())), \(pipeline.queue.count) keys queued")
        emit("  RSS before \(mebibytes(before)), after sync \(mebibytes(after)) "
              + "(+\(mebibytes(after - before)), \(String(format: "%.2f", Double(after - before) / Double(count) / 1024)) KiB/object), "
              + "peak \(mebibytes(peak)), after malloc_trim \(mebibytes(trimmed)); "
              + "anonymous RSS \(mebibytes(anonymousBefore)) -> \(mebibytes(anonymousAfter))")
    }
}
