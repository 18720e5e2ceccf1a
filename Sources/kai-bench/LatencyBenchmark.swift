import ArgumentParser
import Foundation

/// Watch-to-queue latency while idle: the server process writes one object at a time, stamped
/// with the wall-clock time just before the write; a worker takes the time as soon as
/// `queue.get()` hands it the key. Both processes read the same system clock.
struct LatencyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Server write -> queue.get() latency while idle (p50/p90/p99/max).")

    @Option(help: "Samples measured.")
    var samples = 200

    @Option(help: "Samples sent first and not counted (connections and caches warm up).")
    var warmup = 10

    @Option(help: "Milliseconds between two writes.")
    var intervalMs = 20

    @Option(help: "Objects already cached before the run.")
    var objects = 10_000

    @Option(help: "Namespace of the objects.")
    var namespace = "bench"

    @Flag(help: "Talk HTTPS to the server (default: plain HTTP on loopback).")
    var tls = false

    func validate() throws {
        guard samples > 0 else { throw ValidationError("--samples must be positive, got \(samples)") }
        guard warmup >= 0, intervalMs >= 0, objects >= 0 else {
            throw ValidationError("--warmup, --interval-ms and --objects must be 0 or more")
        }
    }

    func run() async throws {
        let total = warmup + samples
        let collector = Collector(target: total)
        try await Pipeline.run(objects: objects, namespace: namespace, tls: tls, workers: { pipeline in
            let queue = pipeline.queue
            let store = pipeline.informer.store
            return Task {
                while let key = await queue.get() {
                    let received = Date()
                    if let writtenAt = store.get(key)?.writtenAt {
                        collector.record(received.timeIntervalSince(writtenAt) * 1000)
                    }
                    queue.done(key)
                }
            }
        }) { server, _ in
            _ = try await server.command("latency \(total) \(intervalMs) lat", expecting: "stamped")
            guard await collector.wait(timeout: .seconds(60)) != nil else {
                throw BenchError("only \(collector.count) of \(total) stamped objects reached the worker")
            }
        }

        let summary = Percentiles(Array(collector.samples.dropFirst(warmup)))
        emit("watch-to-queue latency while idle, \(samples) samples \(intervalMs) ms apart (after \(warmup) warm-up), "
             + "\(objects) objects cached")
        emit("  server write -> queue.get(): p50 \(summary.text(0.50)) ms, p90 \(summary.text(0.90)) ms, "
             + "p99 \(summary.text(0.99)) ms, max \(summary.text(1.0)) ms; load average \(loadAverage())")
    }
}
