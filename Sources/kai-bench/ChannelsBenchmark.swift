import ArgumentParser
import Foundation
import KaiControllers
import KubeClient
import Logging

/// Issue 5: N Channels applied at once, the kernel API answering after a fixed latency; time until
/// all are `Ready`, API writes per Channel, writes once converged. The sandbox runs in a child
/// process (``ControllerServerCommand``), the Channel controller in this one (``ChannelBenchmark``).
struct ChannelsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "N Channels applied at once until all are Ready, then a quiet window (goal: 5,000 in < 30 s, ≤ 3 writes each, 0 once converged).")

    @Option(help: "Channels to create.")
    var count = 5000

    @Option(help: "Latency of every kernel API call, in milliseconds.")
    var kernelLatencyMs = 20

    @Option(help: "Concurrent reconciles (the controller's maxConcurrentReconciles).")
    var workers = 64

    @Option(help: "Give up waiting for Ready after this many seconds.")
    var deadlineSeconds = 120

    @OptionGroup var options: ControllerBenchmarkOptions
    var quietSeconds: Int { options.quietSeconds }

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
        guard kernelLatencyMs >= 0 else { throw ValidationError("--kernel-latency-ms must be 0 or more, got \(kernelLatencyMs)") }
        guard workers > 0 else { throw ValidationError("--workers must be positive, got \(workers)") }
        guard deadlineSeconds > 0 else { throw ValidationError("--deadline-seconds must be positive, got \(deadlineSeconds)") }
    }

    func run() async throws {
        try await ControllerServerProcess.run(arguments: ["--kernel-latency-ms", "\(kernelLatencyMs)", "--crds"] + options.crds, measure)
    }

    func measure(_ server: ControllerServerProcess) async throws {
        let configuration = try ClientConfiguration.load(kubeconfig: server.kubeconfig)
        let quiet = Logger.quiet("kai-bench.channels")
        let marks = ControllerMarks<ChannelBenchmark.Phase>(server: server)
        emit("channels: \(count) applied at once, kernel API \(kernelLatencyMs) ms, \(workers) workers, "
            + "quiet window \(quietSeconds) s (load \(loadAverage()))")
        let result = try await ChannelBenchmark.run(configuration: configuration, kernelAPIURL: server.kernelURL, channels: count,
                                                    workers: workers, deadline: .seconds(deadlineSeconds),
                                                    quietPeriod: .seconds(quietSeconds), logger: quiet,
                                                    observe: { await marks.take($0) })
        let run = try ControllerRun(marks)
        let (start, converged, quietStart, end) = (run.start, run.converged, run.quietStart, run.end)
        let convergence = seconds(result.convergence)
        let serverWrites = run.writesToConverge
        let byOperator = serverWrites - Int64(count)
        let eventsWhileConverging = converged.server.events - start.server.events
        emit("  \(result.ready)/\(count) Ready in \(format(convergence)) s"
            + (result.ready == count ? "" : " (deadline \(deadlineSeconds) s reached)"))
        emit("  operator writes to Channels until Ready: \(result.writes) (\(format(result.writesPerChannel)) per Channel)")
        emit("  server commits while converging: \(serverWrites) = \(count) creates + \(byOperator) by the operator, "
            + "\(eventsWhileConverging) of them Events (\(format(Double(byOperator - Int64(eventsWhileConverging)) / Double(count))) "
            + "other writes per Channel)")
        emit("  Event backlog written \(format(seconds(result.eventBacklog))) s after convergence: "
            + "\(converged.serverWrites(until: quietStart)) server commits, \(end.server.events - start.server.events) Events "
            + "stored in all for \(count) Channels (the recorder's buffer holds 1,000: the rest were dropped)")
        emit("  quiet \(quietSeconds) s: \(run.quietWrites) server commits of any kind; "
            + "\(result.writesAfterConvergence) operator writes to Channels since convergence")
        run.emitCosts(serverDetail: "; kernel creates \(end.server.kernelCreates - start.server.kernelCreates)")
        let met = result.ready == count && convergence < 30 && result.writes <= 3 * count && result.writesAfterConvergence == 0
            && run.quietWrites == 0
        emit("  goal (all Ready < 30 s, ≤ 3 writes per Channel, 0 writes once converged): \(met ? "met" : "missed")")
    }
}
