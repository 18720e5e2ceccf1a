import JSON
public import KubeClient
public import KubeQueue
public import KubeTestServer
import Testing

/// An in-process API server (plain HTTP) and a client of it. The server runs on its own manual
/// clock, so its periodic bookmarks and watch timeouts happen only when a test advances it.
public struct TestCluster {
    public let server: KubeTestServer
    public let client: KubeClient
    public let serverClock: ManualClock

    /// Starts a server, runs `body` against it and shuts the server down, whether or not `body` throws.
    public static func with<T>(_ body: (TestCluster) async throws -> T) async throws -> T {
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

    /// Creates a ConfigMap.
    @discardableResult
    public func create(_ name: String, namespace: String = "default", data: [String: String] = [:],
                       labels: [String: String]? = nil) async throws -> ConfigMap {
        try await client.create(ConfigMap(name, namespace: namespace, data: data, labels: labels))
    }

    /// Merge-patches a ConfigMap's data.
    @discardableResult
    public func update(_ name: String, namespace: String = "default", data: [String: String]) async throws -> ConfigMap {
        var patch: JSONValue = ["data": [:]]
        for (key, value) in data { patch[path: "data", key] = .string(value) }
        return try await client.patch(ConfigMap.self, name: name, namespace: namespace, .merge(patch))
    }

    /// Deletes a ConfigMap.
    public func delete(_ name: String, namespace: String = "default") async throws {
        _ = try await client.delete(ConfigMap.self, name: name, namespace: namespace)
    }

    /// Creates a namespace.
    public func createNamespace(_ name: String) async throws {
        try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// Waits until the server has `count` open watches, advancing `clock` through any backoff
    /// sleep the watcher is in meanwhile (a reconnect may race a restarting server).
    public func waitForWatches(_ count: Int, advancing clock: ManualClock) async {
        for _ in 0..<200_000 {
            if await server.openWatchCount() == count { return }
            if let deadline = clock.nextDeadline { clock.advance(to: deadline) }
            await Task.yield()
        }
        Issue.record("the server never had \(count) open watches")
    }
}
