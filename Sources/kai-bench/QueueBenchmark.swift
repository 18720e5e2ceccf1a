import ArgumentParser
import Foundation
import KubeQueue

/// Work-queue throughput: adds + gets per second with 1, 4 and 16 workers.
struct QueueBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Work-queue throughput (adds + gets per second).")

    @Option(help: "Distinct keys added per run.")
    var keys = 200_000

    @Option(parsing: .upToNextOption, help: "Worker counts to measure.")
    var workers: [Int] = [1, 4, 16]

    @Option(help: "Runs per worker count (the median is reported: the spread on a shared machine is wide).")
    var runs = 5

    func validate() throws {
        guard keys > 0 else { throw ValidationError("--keys must be positive, got \(keys)") }
        guard !workers.isEmpty, workers.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--workers needs one or more positive counts, got \(workers)")
        }
        guard runs > 0 else { throw ValidationError("--runs must be positive, got \(runs)") }
    }

    func run() async throws {
        emit("queue throughput, \(keys) distinct keys, one producer, median of \(runs) runs")
        for count in workers {
            var rates: [Double] = []
            for _ in 0..<runs {
                let (processed, elapsed) = try await measure(workers: count)
                guard processed == keys else { throw BenchError("workers got \(processed) keys, expected \(keys)") }
                rates.append(Double(2 * processed) / max(seconds(elapsed), 1e-9))
            }
            let sorted = Percentiles(rates)
            emit("  workers=\(count): adds+gets \(million(sorted.value(0.5))) M/s (runs \(million(sorted.value(0)))–"
                 + "\(million(sorted.value(1)))); load average \(loadAverage())")
        }
    }

    /// One producer adds every key, then shuts the queue down; `workers` tasks drain it.
    func measure(workers count: Int) async throws -> (processed: Int, elapsed: Duration) {
        let queue = WorkQueue<Int>()
        let clock = ContinuousClock()
        let start = clock.now
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count {
                group.addTask {
                    var processed = 0
                    while let key = await queue.get() {
                        queue.done(key)
                        processed += 1
                    }
                    return processed
                }
            }
            group.addTask {
                for key in 0..<keys { queue.add(key) }
                // Queued keys are still handed out after shutDown; then get() returns nil.
                queue.shutDown()
                return 0
            }
            var total = 0
            for try await n in group { total += n }
            return (total, start.duration(to: clock.now))
        }
    }

    func million(_ rate: Double?) -> String { rate.map { String(format: "%.2f", $0 / 1e6) } ?? "n/a" }
}
