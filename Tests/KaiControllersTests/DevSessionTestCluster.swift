import Foundation
import JSON
import KaiAPI
import KaiControllers
import KubeClient
import KubeQueue
import KubeReconcile
import KubeTestServer
import Logging
import Synchronization
import Testing
import YAML

/// Wall time the DevSession tests set and advance (`creationTimestamp`, expiry, conditions).
final class DevSessionWallClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { self.now } }
}

/// An in-process API server with the DevSession CRD and workload simulation, an admin
/// client, and an operator client whose token is bound to exactly the rules of
/// `config/rbac/role.yaml`.
///
/// Three clocks, none of them real:
/// - `serverClock` drives the simulated controllers (a Deployment becomes available 2 s after a
///   change, a claim binds after 1 s) and the server's watch timeouts: tests advance it.
/// - `clock` is the operator's: work queue, caches, status retries. ``eventually(_:_:)``
///   advances it through short waits (retry backoff), never through long ones (expiry).
/// - `wall` is wall time for the server's timestamps and the operator's expiry.
struct DevSessionTestCluster {
    let server: KubeTestServer
    let admin: KubeClient
    let operatorClient: KubeClient
    let serverClock: ManualClock
    let clock: ManualClock
    let wall: DevSessionWallClock

    static let operatorUser = "system:serviceaccount:kai-system:kai-operator"
    static let operatorToken = "devsession-operator-token"
    static let quiet = Logger(label: "devsession-test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `body` against a fresh server and shuts it down afterwards.
    static func with<T>(_ body: (DevSessionTestCluster) async throws -> T) async throws -> T {
        let serverClock = ManualClock()
        let wall = DevSessionWallClock()
        // TLS, as kubectl sends no bearer token to a plain-HTTP server.
        let server = try KubeTestServer(options: .init(
            users: [.init(name: operatorUser, token: operatorToken, rules: try roleRules())],
            adminToken: "devsession-admin-token", workloadSimulation: WorkloadSimulation(),
            clock: serverClock, now: wall.function, logger: quiet))
        try await server.start()
        let result: T
        do {
            result = try await run(server, serverClock: serverClock, wall: wall, body)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        return result
    }

    /// The clients live only in here: once they are released, their kept-alive connections
    /// close and the server shuts down at once instead of waiting for them.
    private static func run<T>(_ server: KubeTestServer, serverClock: ManualClock, wall: DevSessionWallClock,
                               _ body: (DevSessionTestCluster) async throws -> T) async throws -> T {
        let admin = try client(server, user: "admin")
        let operatorClient = try client(server, user: operatorUser)
        try await server.installCRD(try YAML.parse(String(contentsOf: root.appendingPathComponent("crds/kai.dev_devsessions.yaml"),
                                                          encoding: .utf8)))
        return try await body(DevSessionTestCluster(server: server, admin: admin, operatorClient: operatorClient,
                                                    serverClock: serverClock, clock: ManualClock(), wall: wall))
    }

    /// A client authenticating as `user` through the server's kubeconfig (CA included).
    static func client(_ server: KubeTestServer, user: String) throws -> KubeClient {
        let config = try KubeConfig.parse(try server.kubeconfig(user: user), source: "test server", baseDirectory: "/")
        return try KubeClient(configuration: try ClientConfiguration.fromKubeConfig(config, source: "test server"), logger: quiet)
    }

    /// The operator's ClusterRole, `config/rbac/role.yaml`, as test-server rules.
    static func roleRules() throws -> [PolicyRule] {
        let role = try YAML.parse(String(contentsOf: root.appendingPathComponent("config/rbac/role.yaml"), encoding: .utf8))
        let rules = try #require(role["rules"]?.arrayValue, "config/rbac/role.yaml has no rules")
        return rules.map { rule in
            let strings = { (key: String) in rule[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            return PolicyRule(apiGroups: strings("apiGroups"), resources: strings("resources"), verbs: strings("verbs"))
        }
    }

    // MARK: - The operator

    /// Starts the DevSession controller as `kai-operator run` does (a manager with the
    /// controller and its event recorder), with the operator's restricted client.
    func startOperator(options: DevSessionOptions? = nil) async throws -> DevSessionTestOperator {
        var options = options ?? DevSessionOptions()
        options.controller.unfinishedWorkSamplingPeriod = .zero
        let recorder = try EventRecorder(client: operatorClient, configuration: .init(reportingInstance: "kai-operator-test"),
                                         clock: ManualClock(), now: wall.function, logger: Self.quiet)
        let controller = try DevSessionController.make(client: operatorClient, recorder: recorder, options: options,
                                                       clock: clock, now: wall.function, logger: Self.quiet)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: nil), logger: Self.quiet)
        manager.add(controller)
        manager.add(recorder)
        let task = Task { try await manager.run() }
        for _ in 0..<100_000 where !controller.caches.allSatisfy(\.hasSynced) { await Task.yield() }
        return DevSessionTestOperator(manager: manager, controller: controller, recorder: recorder, task: task)
    }

    // MARK: - Objects

    static func session(_ name: String, uuid: String, ingress: DevSessionIngress? = nil) -> DevSession {
        DevSession(name: name, spec: DevSessionSpec(projectUUID: uuid, projectID: 456, userID: 123, ingress: ingress))
    }

    @discardableResult
    func create(_ session: DevSession) async throws -> DevSession {
        try await admin.create(session)
    }

    func session(_ name: String) async throws -> DevSession? {
        do { return try await admin.get(DevSession.self, name: name) } catch where error.isNotFound { return nil }
    }

    /// Merge-patches a DevSession as a user would.
    @discardableResult
    func patch(_ name: String, _ patch: JSONValue) async throws -> DevSession {
        try await admin.patch(DevSession.self, name: name, .merge(patch))
    }

    func object(_ resource: ResourceType, _ name: String, namespace: String? = nil) async throws -> JSONValue? {
        do { return try await admin.get(resource, name: name, namespace: namespace) } catch where error.isNotFound { return nil }
    }

    func objects(_ resource: ResourceType, namespace: String) async throws -> [JSONValue] {
        try await admin.list(resource, namespace: namespace)["items"]?.arrayValue ?? []
    }

    /// The operator's Events about DevSessions (cluster-scoped objects' Events go to `default`).
    func events(reason: String? = nil, regarding name: String? = nil) async throws -> [JSONValue] {
        try await objects(.events, namespace: "default").filter { event in
            (reason == nil || event["reason"]?.stringValue == reason)
                && (name == nil || event[path: "regarding", "name"]?.stringValue == name)
                && event[path: "regarding", "kind"] == "DevSession"
        }
    }

    // MARK: - Waiting

    /// Waits until `condition` holds, advancing the operator's clock through short waits
    /// (retry backoff, status conflicts) but never through long ones.
    func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<4000 {
            if try await condition() { return }
            if let next = clock.nextDeadline, next <= clock.now.advanced(by: .seconds(1)) { clock.advance(to: next) }
            await Task.yield()
        }
        Issue.record("timed out waiting until \(what)")
        throw DevSessionTestTimeout(what: what)
    }

    /// Waits until the DevSession satisfies `condition`; returns it.
    @discardableResult
    func waitFor(_ name: String, _ what: String, _ condition: @escaping (DevSession) -> Bool) async throws -> DevSession {
        var last: DevSession?
        try await eventually("DevSession \(name) \(what)") {
            last = try await session(name)
            return last.map(condition) ?? false
        }
        return try #require(last)
    }

    /// Lets the session's Deployment roll out (`rollOut`), then waits until the DevSession
    /// `name` is `Running`; returns it. The release is the contract's `dev-session-<uuid prefix>`.
    @discardableResult
    func waitUntilRunning(_ name: String, uuid: String, _ what: String = "is Running") async throws -> DevSession {
        try await rollOut(uuid, "dev-session-" + String(uuid.prefix(8)))
        return try await waitFor(name, what, Self.isRunning)
    }

    /// Lets the simulated deployment controller finish: advances the server's clock until the
    /// Deployment reports the availability it should have.
    func rollOut(_ namespace: String, _ name: String) async throws {
        try await eventually("Deployment \(namespace)/\(name) is rolled out") {
            guard let deployment = try await object(.deployments, name, namespace: namespace) else { return false }
            let generation = deployment[path: "metadata", "generation"]?.intValue ?? 0
            if deployment[path: "status", "observedGeneration"]?.intValue == generation,
               deployment[path: "status", "conditions"]?.arrayValue?.contains(where: {
                   $0["type"] == "Available" && $0["status"] == "True" }) == true,
               (deployment[path: "status", "availableReplicas"]?.intValue ?? 0) >= (deployment[path: "spec", "replicas"]?.intValue ?? 1) {
                return true
            }
            serverClock.advance(by: .seconds(2))
            return false
        }
    }

    /// True when the DevSession is Ready for its current generation with `phase: Running`.
    static func isRunning(_ session: DevSession) -> Bool {
        session.status?.phase == .running && session.status?.observedGeneration == session.metadata.generation
            && session.status?.conditions?.isCurrent("Ready", status: .true, generation: session.metadata.generation) == true
    }

    static func condition(_ session: DevSession, _ type: String) -> Condition? {
        session.status?.conditions?.first { $0.type == type }
    }
}

/// A running DevSession controller.
struct DevSessionTestOperator {
    let manager: Manager
    let controller: Controller
    let recorder: EventRecorder
    let task: Task<Void, any Error>

    /// Stops it as SIGTERM would, waiting for the manager to return.
    func stop() async {
        await recorder.waitUntilIdle()
        manager.shutDown()
        _ = await task.result
    }
}

struct DevSessionTestTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting until \(what)" }
}
