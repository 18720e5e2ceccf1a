import ArgumentParser
import Foundation
import KaiControllers
import KubeClient
import Logging

/// Issue 6: N DevSessions applied at once with workload simulation on; time until all are
/// `Running`, writes to converge, writes on a resync and in a quiet window. The sandbox runs in a
/// child process (``ControllerServerCommand``), the DevSession controller in this one
/// (``DevSessionBenchmark``).
struct DevSessionsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devsessions",
        abstract: "N DevSessions applied at once until all are Running, then a quiet window (goal: 200 in < 60 s, 0 writes once converged).")

    @Option(help: "DevSessions to create.")
    var count = 200

    @Option(help: "Give up waiting for Running after this many seconds.")
    var deadlineSeconds = 180

    @OptionGroup var options: ControllerBenchmarkOptions
    var quietSeconds: Int { options.quietSeconds }

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
        guard deadlineSeconds > 0 else { throw ValidationError("--deadline-seconds must be positive, got \(deadlineSeconds)") }
    }

    func run() async throws {
        try await ControllerServerProcess.run(arguments: ["--crds"] + options.crds, measure)
    }

    func measure(_ server: ControllerServerProcess) async throws {
        let configuration = try ClientConfiguration.load(kubeconfig: server.kubeconfig)
        let quiet = Logger.quiet("kai-bench.devsessions")
        let marks = ControllerMarks<DevSessionBenchmark.Phase>(server: server)
        emit("devsessions: \(count) applied at once, workload simulation on, quiet window \(quietSeconds) s (load \(loadAverage()))")
        // No clean-up: the server process and everything in it end with the benchmark.
        let result = try await DevSessionBenchmark.run(count: count, configuration: configuration,
                                                       steadyStateWindow: .seconds(quietSeconds), timeout: .seconds(deadlineSeconds),
                                                       cleanUp: false, logger: quiet, observe: { await marks.take($0) })
        let run = try ControllerRun(marks)
        let convergence = seconds(result.convergence)
        let serverWrites = run.writesToConverge
        let others = serverWrites - Int64(count)
        emit("  \(count)/\(count) Running in \(format(convergence)) s")
        emit("  operator writes until Running: \(result.writesToConverge) "
            + "(\(String(format: "%.1f", Double(result.writesToConverge) / Double(count))) per DevSession, Events included)")
        emit("  server commits while converging: \(serverWrites) = \(count) creates + \(others) by the operator and the "
            + "workload simulation (\(String(format: "%.1f", Double(others) / Double(count))) per DevSession)")
        emit("  full resync: \(result.resyncWrites) operator writes, \(run.converged.serverWrites(until: run.quietStart)) server commits")
        emit("  quiet \(quietSeconds) s: \(result.steadyStateWrites) operator writes, \(run.quietWrites) server commits of any kind")
        run.emitCosts()
        let met = convergence < 60 && result.resyncWrites == 0 && result.steadyStateWrites == 0 && run.quietWrites == 0
        emit("  goal (all Running < 60 s, 0 writes once converged): \(met ? "met" : "missed")")
    }
}
