import ArgumentParser
import Foundation
import KaiSandbox
import Logging

/// `kai-sandbox`: the quickstart. A local API server that kubectl can use, the
/// kernel API and Prometheus stand-ins and the CRDs, in one process.
@main
struct KaiSandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kai-sandbox",
        abstract: "Run kai-operator's sandbox: a local Kubernetes API server, the kernel API and Prometheus stand-ins.")

    @Option(name: .long, help: "Folder for the kubeconfig.")
    var directory = ".kai-sandbox"

    @Option(name: .long, help: "API server port (0: any free port).")
    var port = 0

    @Option(name: .long, help: "Kernel API stand-in port (0: any free port).")
    var kernelAPIPort = 0

    @Option(name: .long, help: "CRD files or folders to install at start.")
    var crds: [String] = ["crds"]

    @Option(name: .long, help: "Manifests (files or folders) to apply once running, e.g. config/samples.")
    var apply: [String] = []

    @Flag(name: .long, help: "Start, apply, print the status and exit (for scripts and tests).")
    var once = false

    @Flag(name: .long, inversion: .prefixedNo, help: "Simulate kubelets and controllers (Deployments become available).")
    var workloadSimulation = true

    @Flag(name: .customLong("operator"), inversion: .prefixedNo, help: "Run kai-operator's controllers in the sandbox.")
    var runOperator = true

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let sandbox = try Sandbox(options: .init(directory: directory, apiPort: port, kernelAPIPort: kernelAPIPort,
                                                 crdPaths: crds, applyPaths: apply, workloadSimulation: workloadSimulation,
                                                 runOperator: runOperator))
        let installed = try await sandbox.start()
        let kubeconfig = URL(fileURLWithPath: sandbox.kubeconfigPath).standardizedFileURL.path
        print("""
        kai-sandbox is running.
          API server:      \(sandbox.server.url)
          kernel API:      \(sandbox.kernelAPI.url)
          Prometheus API:  \(sandbox.prometheus.url)
          operator:        \(sandbox.webhookPort.map { "running (kernel webhook on 127.0.0.1:\($0))" } ?? "not running")
          CRDs installed:  \(installed.isEmpty ? "none (no CRDs found in \(crds.joined(separator: ", ")))" : installed.joined(separator: ", "))

        In another terminal:
          export KUBECONFIG=\(kubeconfig)
          kubectl api-resources --api-group=kai.dev
          kubectl apply -f config/samples/
          kubectl get kai

        Press Ctrl-C to stop.
        """)
        fflush(nil) // the next lines may be minutes away; flush these out of a pipe's buffer now
        if !apply.isEmpty {
            let applied = try await sandbox.apply(paths: apply)
            print("applied: \(applied.isEmpty ? "nothing" : applied.joined(separator: ", "))")
        }
        if once {
            await sandbox.stop()
            return
        }
        await Self.waitForTermination()
        print("\nstopping kai-sandbox")
        await sandbox.stop()
    }

    /// Suspends until SIGINT or SIGTERM.
    static func waitForTermination() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let sources = [SIGINT, SIGTERM].map { sig -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        for await _ in stream { break }
        sources.forEach { $0.cancel() }
    }
}

