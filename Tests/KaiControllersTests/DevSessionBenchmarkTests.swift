import Foundation
import Synchronization
import KaiControllers
import KubeClient
import KubeTestServer
import Testing
import YAML

/// The benchmark harness at a small scale: every session runs, and a converged fleet makes no
/// writes, neither on a full resync nor afterwards. (The 200-session, under-60-s target is
/// measured by the benchmark executable, not asserted here: no timing assertions in tests.)
@Suite(.timeLimit(.minutes(2)))
struct DevSessionBenchmarkTests {
    @Test func aConvergedFleetMakesNoWrites() async throws {
        // Simulated controllers without delay, so nothing waits for a clock.
        let server = try KubeTestServer(options: .init(
            workloadSimulation: WorkloadSimulation(deploymentReadyDelay: .zero, volumeBindDelay: .zero),
            logger: DevSessionTestCluster.quiet))
        try await server.start()
        let phases = Mutex<[DevSessionBenchmark.Phase]>([])
        do {
            try await server.installCRD(try YAML.parse(String(
                contentsOf: DevSessionTestCluster.root.appendingPathComponent("crds/kai.dev_devsessions.yaml"), encoding: .utf8)))
            let config = try KubeConfig.parse(try server.kubeconfig(), source: "test server", baseDirectory: "/")
            let result = try await DevSessionBenchmark.run(
                count: 12, configuration: try ClientConfiguration.fromKubeConfig(config, source: "test server"),
                steadyStateWindow: .zero, timeout: .seconds(60), logger: DevSessionTestCluster.quiet,
                observe: { phase in phases.withLock { $0.append(phase) } })
            #expect(result.sessions == 12)
            #expect(result.resyncWrites == 0)
            #expect(phases.withLock { $0 } == [.creating, .converged, .quietStarted, .quietEnded])
            #expect(result.steadyStateWrites == 0)
            // Finalizer, namespace, 7 applies, 2 status writes and a few Events per session.
            #expect(result.writesToConverge > 12 * 9)
            #expect(result.writesToConverge <= 12 * 20, "\(result)")
            #expect(try await server.objects(apiVersion: "kai.dev/v1alpha1", kind: "DevSession").isEmpty)
            await server.shutdown()
        } catch {
            await server.shutdown()
            throw error
        }
    }
}
