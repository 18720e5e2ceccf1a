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

    @Option(help: "Seconds to count writes after convergence.")
    var quietSeconds = 60

    @Option(help: "Give up waiting for Running after this many seconds.")
    var deadlineSeconds = 180

    @Option(parsing: .upToNextOption, help: "CRD files or folders for the server (run from the repository's root for the default).")
    var crds: [String] = ["crds"]

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
        guard quietSeconds >= 0 else { throw ValidationError("--quiet-seconds must be 0 or more, got \(quietSeconds)") }
        guard deadlineSeconds > 0 else { throw ValidationError("--deadline-seconds must be positive, got \(deadlineSeconds)") }
    }

    func run() async throws {
        let server = try await ControllerServerProcess(arguments: ["--crds"] + crds)
        do {
            try await measure(server)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    func measure(_ server: ControllerServerProcess) async throws {
        let configuration = try ClientConfiguration.load(kubeconfig: server.kubeconfig)
        let quiet = Logger(label: "kai-bench.devsessions", factory: { _ in SwiftLogNoOpLogHandler() })
        let marks = ControllerMarks<DevSessionBenchmark.Phase>(server: server)
        emit("devsessions: \(count) applied at once, workload simulation on, quiet window \(quietSeconds) s (load \(loadAverage()))")
        // No clean-up: the server process and everything in it end with the benchmark.
        let result = try await DevSessionBenchmark.run(count: count, configuration: configuration,
                                                       steadyStateWindow: .seconds(quietSeconds), timeout: .seconds(deadlineSeconds),
                                                       cleanUp: false, logger: quiet, observe: { await marks.take($0) })
        let (start, converged) = (try marks.mark(.creating), try marks.mark(.converged))
        let (quietStart, end) = (try marks.mark(.quietStarted), try marks.mark(.quietEnded))
        let convergence = seconds(result.convergence)
        let serverWrites = start.serverWrites(until: converged)
        let others = serverWrites - Int64(count)
        emit("  \(count)/\(count) Running in \(format(convergence)) s")
        emit("  operator writes until Running: \(result.writesToConverge) "
            + "(\(String(format: "%.1f", Double(result.writesToConverge) / Double(count))) per DevSession, Events included)")
        emit("  server commits while converging: \(serverWrites) = \(count) creates + \(others) by the operator and the "
            + "workload simulation (\(String(format: "%.1f", Double(others) / Double(count))) per DevSession)")
        emit("  full resync: \(result.resyncWrites) operator writes, \(converged.serverWrites(until: quietStart)) server commits")
        emit("  quiet \(quietSeconds) s: \(result.steadyStateWrites) operator writes, \(quietStart.serverWrites(until: end)) server commits of any kind")
        emit("  operator process: CPU \(format(start.operatorCPUSeconds(until: converged))) s to converge, "
            + "\(format(quietStart.operatorCPUSeconds(until: end))) s while quiet; RSS \(mebibytes(converged.operatorResidentBytes)) "
            + "at convergence (peak \(mebibytes(max(peakResidentBytes(), converged.operatorResidentBytes))))")
        emit("  server process: CPU \(format(start.serverCPUSeconds(until: converged))) s to converge, "
            + "\(format(quietStart.serverCPUSeconds(until: end))) s while quiet; RSS \(mebibytes(end.server.residentBytes))")
        emit("  load average: \(start.load) at start, \(converged.load) at convergence, \(end.load) at the end")
        let met = convergence < 60 && result.resyncWrites == 0 && result.steadyStateWrites == 0 && quietStart.serverWrites(until: end) == 0
        emit("  goal (all Running < 60 s, 0 writes once converged): \(met ? "met" : "missed")")
    }
}
