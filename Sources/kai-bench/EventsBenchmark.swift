import ArgumentParser
import Foundation

/// Events per second through watcher -> cache -> handler -> queue -> workers, in two runs:
///
/// - **live**: the server process creates objects as fast as it can while the informer watches;
///   the rate is the slower of the server and the pipeline.
/// - **burst**: the informer's watch is cut, the server creates the objects, then the watch
///   resumes from its last resourceVersion and the server replays them all from its history at
///   once: the rate of the pipeline itself (the server only serialises).
struct EventsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Watch events per second through watcher -> cache -> queue -> workers (live and burst).")

    @Option(help: "Objects created (one ADDED event each) in each run.")
    var events = 20_000

    @Option(help: "Objects already cached before the runs.")
    var objects = 10_000

    @Option(help: "Queue workers draining the keys.")
    var workers = 4

    @Option(help: "Namespace of the objects.")
    var namespace = "bench"

    @Flag(help: "Talk HTTPS to the server (default: plain HTTP on loopback).")
    var tls = false

    func validate() throws {
        guard events > 1 else { throw ValidationError("--events must be at least 2, got \(events)") }
        guard objects >= 0 else { throw ValidationError("--objects must be 0 or more, got \(objects)") }
        guard workers > 0 else { throw ValidationError("--workers must be positive, got \(workers)") }
    }

    func run() async throws {
        let live = Collector(target: events)
        let burst = Collector(target: events)
        let livePrefix = "\(namespace)/live-"
        let burstPrefix = "\(namespace)/burst-"
        let workers = workers
        // The burst is replayed from the server's history, which must hold all of it.
        try await Pipeline.run(objects: objects, namespace: namespace, tls: tls,
                               extraArguments: ["--history-limit", "\(objects + 2 * events + 1000)"],
                               workers: { pipeline in
            let queue = pipeline.queue
            return Task {
                await withDiscardingTaskGroup { group in
                    for _ in 0..<workers {
                        group.addTask {
                            while let key = await queue.get() {
                                if key.hasPrefix(livePrefix) { live.record() } else if key.hasPrefix(burstPrefix) { burst.record() }
                                queue.done(key)
                            }
                        }
                    }
                }
            }
        }) { server, _ in
            try await measure(server, live: live, burst: burst)
        }
    }

    /// The live run, then the burst, once the pipeline's workers count `live` and `burst` keys.
    func measure(_ server: ServerProcess, live: Collector, burst: Collector) async throws {
        emit("watch events, \(events) objects created per run while \(objects) are cached, \(workers) workers")

        // Live: from the command to the last key handed to a worker.
        let clock = ContinuousClock()
        let start = clock.now
        var cpuStart = cpuTime()
        let created = try await server.command("create \(events) live", expecting: "created")
        let createSeconds = created["seconds"].flatMap(Double.init) ?? 0
        guard let liveEnd = await live.wait(timeout: .seconds(600)) else {
            throw BenchError("only \(live.count) of \(events) live events reached the workers within 10 minutes")
        }
        let liveElapsed = start.duration(to: liveEnd)
        let liveCPU = cpuTime() - cpuStart
        emit("  live:  \(rate(events, liveElapsed)) in \(format(seconds(liveElapsed))) s; the server alone took "
             + "\(format(createSeconds)) s to create them (\(String(format: "%.0f/s", Double(events) / max(createSeconds, 1e-9)))); "
             + "this process used \(format(seconds(liveCPU))) s CPU (\(microseconds(liveCPU, events)) µs/event); load average \(loadAverage())")

        // Burst: from the first key handed to a worker to the last.
        _ = try await server.command("cut", expecting: "cut")
        _ = try await server.command("create \(events) burst", expecting: "created")
        cpuStart = cpuTime()
        _ = try await server.command("heal", expecting: "healed")
        guard let burstEnd = await burst.wait(timeout: .seconds(600)), let burstStart = burst.startedAt else {
            throw BenchError("only \(burst.count) of \(events) replayed events reached the workers within 10 minutes")
        }
        let burstElapsed = burstStart.duration(to: burstEnd)
        let burstCPU = cpuTime() - cpuStart
        emit("  burst: \(rate(events - 1, burstElapsed)) (\(events) events replayed in \(format(seconds(burstElapsed))) s); "
             + "this process used \(format(seconds(burstCPU))) s CPU (\(microseconds(burstCPU, events)) µs/event); load average \(loadAverage())")
    }

    func microseconds(_ cpu: Duration, _ count: Int) -> String {
        String(format: "%.0f", seconds(cpu) * 1e6 / Double(count))
    }
}
