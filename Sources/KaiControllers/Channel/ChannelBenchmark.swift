import Foundation
import JSON
import KaiAPI
import KubeCache
public import KubeClient
import KubeReconcile
import KubeTransport
import Synchronization
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
        /// The controller's writes to Channels after convergence: while the Events were being
        /// written, then during the quiet period.
        public var writesAfterConvergence: Int
        /// From convergence until the event recorder had written (or dropped) every queued Event:
        /// they are written one at a time, and fall behind while thousands of Channels converge.
        public var eventBacklog: Duration
        /// How long the quiet period was.
        public var quietPeriod: Duration

        public var description: String {
            "\(ready)/\(channels) Channels Ready in \(convergence); \(writes) writes (\(String(format: "%.2f", writesPerChannel)) per Channel); "
                + "Events written \(eventBacklog) after convergence; \(writesAfterConvergence) writes in that time and the \(quietPeriod) after it"
        }
    }

    /// The moments of a run a caller can take its own measurements at (server counters, CPU).
    public enum Phase: Sendable, Equatable {
        /// The controller's caches are synced; the first Channel is about to be created.
        case creating
        /// Every Channel is `Ready` (or the deadline passed); the Events still queued are being written.
        case converged
        /// Every queued Event is written (or dropped); the quiet period starts.
        case quietStarted
        /// The quiet period is over; the controller is about to stop.
        case quietEnded
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - configuration: the API server and an identity allowed to do what the operator does
    ///     and to create Namespaces and Channels.
    ///   - kernelAPIURL: the kernel API the Channels use.
    ///   - workers: concurrent reconciles.
    ///   - deadline: give up waiting for `Ready` after this long.
    ///   - quietPeriod: how long to count writes after convergence.
    ///   - observe: called at each ``Phase``, in order, before the run goes on.
    public static func run(configuration: ClientConfiguration, kernelAPIURL: String, namespace: String = "kai-channel-benchmark",
                           channels: Int = 5000, workers: Int = 64, deadline: Duration = .seconds(120),
                           quietPeriod: Duration = .seconds(60),
                           logger: Logger = Logger(label: "kai.channel-benchmark"),
                           observe: @Sendable (Phase) async -> Void = { _ in }) async throws -> Result {
        let clock = ContinuousClock()
        let admin = try KubeClient(configuration: configuration, logger: logger)
        // One idle connection per worker (and a few for the informers and Events): the sandbox
        // speaks HTTP/1.1, so with fewer, every burst of writes closed connections and opened new
        // ones, each a TLS handshake on both sides — about 50 a second at 64 workers. A real API
        // server multiplexes them all over one HTTP/2 connection.
        let counter = try ChannelWriteCounter(base: try CurlTransport(options: TransportOptions(
            tls: configuration.tls, maxIdleConnections: max(32, workers + 8))))
        let operatorClient = try KubeClient(configuration: configuration, transport: counter, logger: logger)
        let recorder = try EventRecorder(client: operatorClient, configuration: EventRecorderConfiguration(reportingInstance: "channel-benchmark"),
                                         logger: logger)
        var options = ChannelOptions(kernelAPIURL: kernelAPIURL, namespaces: [namespace], webhookBindAddress: nil,
                                     maxConcurrentReconciles: workers)
        options.kernelRequestTimeout = .seconds(30)
        let controller = try ChannelController.make(client: operatorClient, options: options, recorder: recorder, logger: logger)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: nil), logger: logger)
        controller.install(into: manager)
        // Counted as the controller's cache sees the Channels change: copying thousands of
        // Channels out of the cache several times a second cost an eighth of the process's CPU
        // at 5,000 (perf), which the controller then lacked.
        let ready = ReadyChannels()
        for informer in controller.cache.channelInformers {
            _ = informer.addEventHandler(EventHandler(onAdd: { ready.update($0) }, onUpdate: { _, new in ready.update(new) },
                                                      onDelete: { ready.remove($0) }))
        }
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

        await observe(.creating)
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
        var readyCount = 0
        var convergence = Duration.zero
        while clock.now - start < deadline {
            readyCount = ready.count
            convergence = clock.now - start
            if readyCount >= channels { break }
            try await clock.sleep(for: .milliseconds(100))
        }
        let writes = counter.total
        await observe(.converged)
        // The quiet period measures the steady state, not the tail of the Events recorded while
        // converging.
        await recorder.waitUntilIdle()
        let eventBacklog = clock.now - start - convergence
        await observe(.quietStarted)
        try await clock.sleep(for: quietPeriod)
        let after = counter.total - writes
        await observe(.quietEnded)
        manager.shutDown()
        _ = await running.result
        return Result(channels: channels, ready: readyCount, convergence: convergence, writes: writes,
                      writesAfterConvergence: after, eventBacklog: eventBacklog, quietPeriod: quietPeriod)
    }

    /// The names of the Channels whose `Ready` condition is `True`, kept by a cache event handler.
    final class ReadyChannels: Sendable {
        let names = Mutex(Set<String>())

        var count: Int { names.withLock { $0.count } }

        func update(_ channel: JSONValue) {
            let name = Self.name(of: channel)
            let isReady = channel[path: "status", "conditions"]?.arrayValue?
                .contains { $0["type"] == "Ready" && $0["status"] == "True" } ?? false
            names.withLock { names in
                if isReady { names.insert(name) } else { names.remove(name) }
            }
        }

        func remove(_ channel: JSONValue) {
            let name = Self.name(of: channel)
            names.withLock { _ = $0.remove(name) }
        }

        static func name(of channel: JSONValue) -> String {
            "\(channel[path: "metadata", "namespace"]?.stringValue ?? "")/\(channel[path: "metadata", "name"]?.stringValue ?? "")"
        }
    }
}
