import ArgumentParser
import Foundation
import KaiSandbox
import KaiStandIns
import Logging

/// `kai-bench controller-server`: the sandbox (API server with workload simulation, the CRDs of
/// `crds/`, the kernel API stand-in) in a process of its own, without the operator, so that the
/// controller benchmarks measure only the operator's side.
///
/// Started by `kai-bench channels` and `kai-bench devsessions`. It prints
/// `ready kubeconfig=… kernel=… crds=…` and then answers one command per line on standard input:
///
/// | command | answer |
/// |---|---|
/// | `stats` | `stats rv=… events=… cpu=… rss=… kernelCreates=…`: the cluster's resourceVersion (one per committed write, of any resource), the Events stored, this process's CPU seconds and resident bytes, and the kernel creates served |
///
/// It exits at end of input (so it never outlives the benchmark that started it).
struct ControllerServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-server",
        abstract: "Run the sandbox without the operator (a child process of the controller benchmarks).")

    @Option(help: "Latency of every kernel API call, in milliseconds.")
    var kernelLatencyMs = 0

    @Option(parsing: .upToNextOption, help: "CRD files or folders to install (run from the repository's root for the default).")
    var crds: [String] = ["crds"]

    @Flag(inversion: .prefixedNo, help: "Deployments become available and PVCs bind, as in a real cluster.")
    var workloadSimulation = true

    func validate() throws {
        guard kernelLatencyMs >= 0 else { throw ValidationError("--kernel-latency-ms must be 0 or more, got \(kernelLatencyMs)") }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kai-bench-controllers-\(ProcessInfo.processInfo.processIdentifier)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let quiet = Logger.quiet("kai-bench.controller-server")
        // No identity Lease renewals: the quiet window counts every commit, and must see only the operator's.
        let sandbox = try Sandbox(options: .init(directory: directory, crdPaths: crds, workloadSimulation: workloadSimulation,
                                                 runOperator: false, identityLease: false), logger: quiet)
        let installed: [String]
        do {
            installed = try await sandbox.start()
            let missing = ["channels.kai.dev", "devsessions.kai.dev"].filter { !installed.contains($0) }
            guard missing.isEmpty else {
                throw BenchError("no CRD for \(missing.joined(separator: ", ")) in \(crds.joined(separator: ", ")) "
                    + "(run from the repository's root or pass --crds)")
            }
            for operation in KernelOperation.allCases {
                try sandbox.kernelAPI.setLatency(.milliseconds(kernelLatencyMs), operation: operation)
            }
        } catch {
            await sandbox.stop()
            throw error
        }
        emit("ready kubeconfig=\(sandbox.kubeconfigPath) kernel=\(sandbox.kernelAPI.url) crds=\(installed.joined(separator: ","))")

        await ChildProcess.answerCommands { line in try await handle(line, sandbox: sandbox) }
        await sandbox.stop()
    }

    /// Answers one command (see the table above).
    func handle(_ line: String, sandbox: Sandbox) async throws {
        switch line {
        case "stats":
            let events = try await sandbox.server.objects(apiVersion: "events.k8s.io/v1", kind: "Event").count
            emit("stats rv=\(await sandbox.server.currentResourceVersion()) events=\(events) cpu=\(seconds(cpuTime())) "
                + "rss=\(residentBytes()) kernelCreates=\(sandbox.kernelAPI.callCount(.create))")
        default:
            throw BenchError("unknown command \"\(line)\"")
        }
    }
}
