import Foundation
import JSON
import KaiAPI
public import KubeClient
import KubeReconcile
import KubeTransport
public import Logging

/// The Channel controller's scale benchmark: apply many Channels at once and measure how long
/// they take to become `Ready`, how many API writes that cost, and how many writes happen
/// once everything has converged (there should be none: no hot loop).
///
/// It runs a manager with the Channel controller against any API server (the sandbox's) and
/// kernel API (the stand-in, with the latency under test set on it by the caller), in a
/// namespace of its own, which it leaves behind.
public enum ChannelBenchmark {
    /// What a run measured.
    public struct Result: Sendable, CustomStringConvertible {
        public var channels: Int
        /// How many reached `Ready=True` before the deadline.
        public var ready: Int
        /// From the first create to the last `Ready`.
        public var convergence: Duration
        /// The controller's writes to Channels (objects and status) until convergence.
        public var writes: Int
        public var writesPerChannel: Double { channels == 0 ? 0 : Double(writes) / Double(channels) }
        /// The controller's writes to Channels during the quiet period after convergence.
        public var writesAfterConvergence: Int
        /// How long the quiet period was.
        public var quietPeriod: Duration

        public var description: String {
            "\(ready)/\(channels) Channels Ready in \(convergence); \(writes) writes (\(String(format: "%.2f", writesPerChannel)) per Channel); "
                + "\(writesAfterConvergence) writes in the \(quietPeriod) after convergence"
        }
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - configuration: the API server and an identity allowed to do what the operator does
    ///     and to create Namespaces and Channels.
    ///   - kernelAPIURL: the kernel API the Channels use.
    ///   - workers: concurrent reconciles.
    ///   - deadline: give up waiting for `Ready` after this long.
    ///   - quietPeriod: how long to count writes after convergence.
    public static func run(configuration: ClientConfiguration, kernelAPIURL: String, namespace: String = "kai-channel-benchmark",
                           channels: Int = 5000, workers: Int = 64, deadline: Duration = .seconds(120),
                           quietPeriod: Duration = .seconds(60),
                           logger: Logger = Logger(label: "kai.channel-benchmark")) async throws -> Result {
        let clock = ContinuousClock()
        let admin = try KubeClient(configuration: configuration, logger: logger)
        let counter = try ChannelWriteCounter(base: try CurlTransport(options: TransportOptions(tls: configuration.tls)))
        let operatorClient = try KubeClient(configuration: configuration, transport: counter, logger: logger)
        let recorder = try EventRecorder(client: operatorClient, configuration: EventRecorderConfiguration(reportingInstance: "channel-benchmark"),
                                         logger: logger)
        var options = ChannelOptions(kernelAPIURL: kernelAPIURL, namespaces: [namespace], webhookBindAddress: nil,
                                     maxConcurrentReconciles: workers)
        options.kernelRequestTimeout = .seconds(30)
        let controller = try ChannelController.make(client: operatorClient, options: options, recorder: recorder, logger: logger)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: nil), logger: logger)
        controller.install(into: manager)
        manager.add(recorder)

        let created: Swift.Result<JSONValue, KubeError>
        do {
            created = .success(try await admin.create(.namespaces, ["apiVersion": "v1", "kind": "Namespace",
                                                                     "metadata": ["name": .string(namespace)]]))
        } catch {
            created = .failure(error)
        }
        if case .failure(let error) = created, !error.isAlreadyExists { throw error }
        let running = Task { try await manager.run() }
        defer { running.cancel() }
        for cache in controller.caches { _ = await cache.waitForSync() }

        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let lanes = 32
            for lane in 0..<lanes {
                group.addTask {
                    for index in stride(from: lane, to: channels, by: lanes) {
                        let channel: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel",
                                                  "metadata": ["name": .string("bench-\(index)"), "namespace": .string(namespace)],
                                                  "spec": ["displayName": .string("Benchmark channel \(index)")]]
                        _ = try await admin.create(Channel.resource, channel)
                    }
                }
            }
            try await group.waitForAll()
        }
        // Counted in the controller's own cache, which holds what the API server sent back:
        // listing thousands of Channels several times a second would cost more than the
        // controller does.
        var ready = 0
        var convergence = Duration.zero
        while clock.now - start < deadline {
            ready = controller.cache.allChannels.count { item in
                item[path: "status", "conditions"]?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" } ?? false
            }
            convergence = clock.now - start
            if ready >= channels { break }
            try await clock.sleep(for: .milliseconds(100))
        }
        let writes = counter.total
        try await clock.sleep(for: quietPeriod)
        let after = counter.total - writes
        manager.shutDown()
        _ = await running.result
        return Result(channels: channels, ready: ready, convergence: convergence, writes: writes,
                      writesAfterConvergence: after, quietPeriod: quietPeriod)
    }
}
