import Foundation
import JSON
import KaiAPI
@testable import KaiControllers
import KaiStandIns
import KubeClient
import KubeQueue
import KubeReconcile
import KubeTestServer
import KubeTransport
import Logging
import Metrics
import Testing
import YAML

/// A sandbox for Channel controller tests: an in-memory API server with the Channel CRD, the
/// kernel API stand-in, and the controller under a manager, all on a manual clock.
///
/// The API server and the HTTP transports keep real time (request timeouts); everything the
/// controller schedules (requeues, retries, resyncs) and every timestamp it writes follows the
/// manual clock, which only the test moves.
final class ChannelHarness: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The wall time the manual clock's origin stands for.
    static let epoch = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z

    let server: KubeTestServer
    /// Admin client of the test (not counted).
    let admin: KubeClient
    let kernelAPI: KernelAPIStandIn
    /// The kernel API stand-in's own clock: its latency and webhook delays.
    let kernelClock: ManualClock
    /// The controller's clock.
    let clock: ManualClock
    let namespace: String

    init(server: KubeTestServer, admin: KubeClient, kernelAPI: KernelAPIStandIn, kernelClock: ManualClock, clock: ManualClock,
         namespace: String) {
        self.server = server
        self.admin = admin
        self.kernelAPI = kernelAPI
        self.kernelClock = kernelClock
        self.clock = clock
        self.namespace = namespace
    }

    /// Starts the API server (with the Channel CRD, or `crd`), namespace `demo` and the kernel API stand-in.
    /// - Parameter tls: serve HTTPS, as a real API server does (what kubectl needs).
    static func start(kernelToken: String? = nil, crd: JSONValue? = nil, users: [KubeTestServer.User] = [],
                      tls: Bool = false) async throws -> ChannelHarness {
        let server = try KubeTestServer(options: .init(tls: tls, users: users, adminToken: "admin-token", logger: channelQuietLogger))
        try await server.start()
        try await server.installCRD(crd ?? channelCRD())
        try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "demo"]])
        let kernelClock = ManualClock()
        let kernelAPI = KernelAPIStandIn(token: kernelToken, clock: kernelClock, logger: channelQuietLogger)
        try await kernelAPI.start()
        let admin = try channelClient(server, token: "admin-token")
        return ChannelHarness(server: server, admin: admin, kernelAPI: kernelAPI, kernelClock: kernelClock, clock: ManualClock(),
                              namespace: "demo")
    }

    static func channelCRD() throws -> JSONValue {
        try YAML.parse(String(contentsOf: root.appendingPathComponent("crds/kai.dev_channels.yaml"), encoding: .utf8))
    }

    /// Runs `body` with a started harness and always stops it.
    static func with<T>(kernelToken: String? = nil, crd: JSONValue? = nil, users: [KubeTestServer.User] = [], tls: Bool = false,
                        _ body: (ChannelHarness) async throws -> T) async throws -> T {
        let harness = try await start(kernelToken: kernelToken, crd: crd, users: users, tls: tls)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }

    func stop() async {
        kernelAPI.releaseHung()
        await kernelAPI.stop()
        await server.shutdown()
    }

    /// The wall time the controller sees: the epoch plus the manual clock's offset.
    var now: @Sendable () -> Date {
        let clock = self.clock
        return { Self.epoch.addingTimeInterval(ChannelStatusBuilder.seconds(clock.now.offset)) }
    }

    /// Options for a test operator: this stand-in, short request timeouts, a free webhook port.
    func options(_ change: (inout ChannelOptions) -> Void = { _ in }) -> ChannelOptions {
        var options = ChannelOptions(kernelAPIURL: kernelAPI.url, kernelRequestTimeout: .seconds(10),
                                     webhookBindAddress: ListenAddress(host: "127.0.0.1", port: 0))
        change(&options)
        return options
    }

    /// Starts an operator (controller, caches, recorder, webhook) on this harness.
    /// - Parameter token: the API server identity; admin by default.
    func startOperator(options: ChannelOptions? = nil, token: String = "admin-token", random: Double = 0.5) async throws -> ChannelOperator {
        let counter = try ChannelWriteCounter(base: try CurlTransport(options: TransportOptions(tls: TLSOptions(caPEM: server.caPEM.map { Array($0.utf8) }))))
        let client = try channelClient(server, token: token, transport: counter)
        let recorder = try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "test"),
                                         clock: clock, now: now, logger: channelQuietLogger)
        let metricsFactory = ChannelRecordingMetrics()
        let channels = try ChannelController.make(client: client, options: options ?? self.options(), recorder: recorder,
                                                  metrics: ChannelMetrics(factory: metricsFactory), clock: clock, now: now,
                                                  random: { random }, logger: channelQuietLogger)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: nil,
                                                      gracefulShutdownTimeout: .seconds(5), cacheSyncTimeout: .seconds(3600)),
                              clock: clock, logger: channelQuietLogger)
        channels.install(into: manager)
        manager.add(recorder)
        try await channels.webhook?.start()
        let task = Task { try await manager.run() }
        for cache in channels.caches { _ = await cache.waitForSync() }
        return ChannelOperator(channels: channels, manager: manager, task: task, writes: counter, recorder: recorder,
                               metrics: metricsFactory)
    }

    // MARK: - Objects

    /// A Channel in `demo`.
    func channel(_ name: String, spec: JSONValue = [:], annotations: [String: String] = [:]) -> JSONValue {
        var full: JSONValue = ["displayName": .string("Channel \(name)")]
        for (key, value) in spec.objectValue ?? [:] { full[key] = value }
        var object: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel",
                                 "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": full]
        if !annotations.isEmpty {
            object[path: "metadata", "annotations"] = .object(.init(uniqueKeysWithValues: annotations.sorted { $0.key < $1.key }
                .map { ($0.key, JSONValue.string($0.value)) }))
        }
        return object
    }

    @discardableResult
    func create(_ object: JSONValue) async throws -> JSONValue {
        try await admin.create(Channel.resource, object)
    }

    func get(_ name: String) async throws -> JSONValue? {
        do { return try await admin.get(Channel.resource, name: name, namespace: namespace) } catch {
            if error.isNotFound { return nil }
            throw error
        }
    }

    func uid(_ name: String) async throws -> String {
        try #require(try await get(name)?[path: "metadata", "uid"]?.stringValue)
    }

    /// Merge-patches the Channel (spec, metadata).
    func patch(_ name: String, _ patch: JSONValue) async throws {
        _ = try await admin.patch(Channel.resource, name: name, namespace: namespace, .merge(patch))
    }

    func delete(_ name: String) async throws {
        _ = try await admin.delete(Channel.resource, name: name, namespace: namespace)
    }

    /// An Opaque Secret with one key.
    func secret(_ name: String, key: String = "token", value: String) async throws {
        let object: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": .string(name), "namespace": .string(namespace)],
                                 "type": "Opaque", "data": [key: .string(Data(value.utf8).base64EncodedString())]]
        do {
            _ = try await admin.create(.secrets, object)
        } catch {
            guard error.isAlreadyExists else { throw error }
            _ = try await admin.patch(.secrets, name: name, namespace: namespace, .merge(["data": object["data"] ?? .null]))
        }
    }

    /// The Events recorded about a Channel, oldest first.
    func events(for name: String) async throws -> [JSONValue] {
        let list = try await admin.list(.events, namespace: namespace)
        return (list["items"]?.arrayValue ?? []).filter { $0[path: "regarding", "name"]?.stringValue == name }
            .sorted { ($0["eventTime"]?.stringValue ?? "") < ($1["eventTime"]?.stringValue ?? "") }
    }

    func eventReasons(for name: String) async throws -> [String] {
        try await events(for: name).compactMap { $0["reason"]?.stringValue }
    }

    // MARK: - Waiting

    /// Polls until `probe` returns a value (real time, bounded): for effects of asynchronous
    /// work, never for the delays under test (those follow the manual clock).
    @discardableResult
    func eventually<T>(_ what: String, limit: Duration = .seconds(30),
                       _ probe: () async throws -> T?) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            if let value = try await probe() { return value }
            guard clock.now < deadline else { throw ChannelHarnessError("timed out waiting for \(what)") }
            try await clock.sleep(for: .milliseconds(15))
        }
    }

    /// Waits until the Channel satisfies `condition`.
    @discardableResult
    func waitFor(_ name: String, _ what: String, limit: Duration = .seconds(30),
                 _ condition: @escaping (JSONValue) -> Bool) async throws -> JSONValue {
        try await eventually("\(name): \(what)", limit: limit) {
            guard let object = try await get(name), condition(object) else { return nil }
            return object
        }
    }

    /// Moves the manual clock forward in `step`s until `probe` returns a value; gives the
    /// controller a moment of real time after each step.
    @discardableResult
    func advance<T>(until what: String, step: Duration = .milliseconds(500), max: Duration = .seconds(900),
                    _ probe: () async throws -> T?) async throws -> T {
        var moved = Duration.zero
        while true {
            if let value = try await probe() { return value }
            guard moved < max else { throw ChannelHarnessError("the clock moved \(moved) without \(what)") }
            clock.advance(by: step)
            moved += step
            // Let the tasks the step woke run (several rounds: a woken requeue starts a reconcile
            // that makes HTTP calls).
            for _ in 0..<3 { try await ContinuousClock().sleep(for: .milliseconds(5)) }
        }
    }
}

struct ChannelHarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A client of the harness's API server with `token`; no retries, so faults surface at once.
func channelClient(_ server: KubeTestServer, token: String, transport: ChannelWriteCounter? = nil) throws -> KubeClient {
    var retry = RetryPolicy()
    retry.maxServerErrorRetries = 0
    retry.maxTooManyRequestsRetries = 0
    let tls = TLSOptions(caPEM: server.caPEM.map { Array($0.utf8) })
    return try KubeClient(configuration: ClientConfiguration(server: server.url, tls: tls, credentials: .bearerToken(token)),
                          transport: transport, retry: retry, logger: channelQuietLogger)
}

/// Drops every log line: tests assert on behaviour.
let channelQuietLogger: Logger = {
    var logger = Logger(label: "kai.channel-test", factory: { _ in SwiftLogNoOpLogHandler() })
    logger.logLevel = .critical
    return logger
}()

extension JSONValue {
    /// The status of the condition of `type`.
    func channelCondition(_ type: String) -> JSONValue? {
        self[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    func channelConditionStatus(_ type: String) -> String? {
        channelCondition(type)?["status"]?.stringValue
    }

    var kernelStatus: String? { self[path: "status", "kernelStatus"]?.stringValue }
}
