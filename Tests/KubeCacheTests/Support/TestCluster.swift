import JSON
import KubeClient
import KubeQueue
import KubeTestServer
import Logging
import Testing

/// A ConfigMap: a built-in kind the test API server serves without a CRD.
struct ConfigMap: KubernetesResource, Equatable {
    static let resource = ResourceType.configMaps
    var apiVersion = "v1"
    var kind = "ConfigMap"
    var metadata: ObjectMeta
    var data: [String: String]?

    init(_ name: String, namespace: String = "default", data: [String: String] = [:], labels: [String: String]? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        self.data = data
    }

    var name: String { metadata.name ?? "" }
}

/// An in-process API server (plain HTTP) and a client of it. The server runs on its own manual
/// clock, so its periodic bookmarks and watch timeouts happen only when a test advances it.
struct TestCluster {
    let server: KubeTestServer
    let client: KubeClient
    let serverClock: ManualClock

    static func with<T>(_ body: (TestCluster) async throws -> T) async throws -> T {
        let serverClock = ManualClock()
        let server = try KubeTestServer(options: .init(tls: false, adminToken: "admin-token", clock: serverClock,
                                                       logger: quietLogger, bookmarkInterval: .seconds(60)))
        try await server.start()
        do {
            let client = try KubeClient(configuration: ClientConfiguration(server: server.url, credentials: .bearerToken("admin-token")),
                                        logger: quietLogger)
            let result = try await body(TestCluster(server: server, client: client, serverClock: serverClock))
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    @discardableResult
    func create(_ name: String, namespace: String = "default", data: [String: String] = [:],
                labels: [String: String]? = nil) async throws -> ConfigMap {
        try await client.create(ConfigMap(name, namespace: namespace, data: data, labels: labels))
    }

    @discardableResult
    func update(_ name: String, namespace: String = "default", data: [String: String]) async throws -> ConfigMap {
        var patch: JSONValue = ["data": [:]]
        for (key, value) in data { patch[path: "data", key] = .string(value) }
        return try await client.patch(ConfigMap.self, name: name, namespace: namespace, .merge(patch))
    }

    func delete(_ name: String, namespace: String = "default") async throws {
        _ = try await client.delete(ConfigMap.self, name: name, namespace: namespace)
    }

    func createNamespace(_ name: String) async throws {
        try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// Waits until the server has `count` open watches, advancing `clock` through any backoff
    /// sleep the watcher is in meanwhile (a reconnect may race a restarting server).
    func waitForWatches(_ count: Int, advancing clock: ManualClock) async {
        for _ in 0..<200_000 {
            if await server.openWatchCount() == count { return }
            if let deadline = clock.nextDeadline { clock.advance(to: deadline) }
            await Task.yield()
        }
        Issue.record("the server never had \(count) open watches")
    }
}


