import JSON
import Testing
@testable import KubeTestServer

@Suite("Fault injection")
struct FaultTests {
    @Test("the next N matching requests fail with the given status; 429 carries Retry-After")
    func failNext() async throws {
        try await withServer { server, client in
            server.faults.failNext(2, withStatus: 429, verb: "list", pathContains: "/configmaps")
            let first = try await client.get("/api/v1/namespaces/default/configmaps")
            #expect(first.status == 429)
            #expect(first.header("retry-after") == "1")
            #expect(first.json["reason"] == "TooManyRequests")
            #expect(try await client.get("/api/v1/namespaces").status == 200)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps").status == 429)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps").status == 200)
            server.faults.failNext(withStatus: 500)
            #expect(try await client.get("/api/v1/namespaces").json["reason"] == "InternalError")
        }
    }

    @Test("latency delays requests on the injected clock")
    func latency() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock) { server, client in
            server.faults.setLatency(.seconds(5))
            async let response = client.get("/api/v1/namespaces")
            await clock.waitForSleepers(1)
            #expect(clock.sleeperCount == 1)
            clock.advance(by: .seconds(5))
            let answered = try await response
            #expect(answered.status == 200)
        }
    }

    @Test("expireNextWatch answers one watch with 410; dropWatchConnections ends open watches; restart keeps state")
    func watchFaultsAndRestart() async throws {
        try await withServer { server, client in
            server.faults.expireNextWatch()
            let (_, expired) = try await client.watch("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=5")
            var lines: [JSONValue] = []
            for try await line in expired { lines.append(line) }
            #expect(lines.map { $0["type"] } == ["ERROR"])
            #expect(lines.first?[path: "object", "code"] == 410)

            let (_, open) = try await client.watch("/api/v1/namespaces/default/configmaps?watch=1")
            await server.faults.dropWatchConnections()
            var received: [JSONValue] = []
            for try await event in open { received.append(event) }
            // Only the initial ADDED of the ConfigMap kube-controller-manager publishes, then the stream ends.
            #expect(received.map { $0[path: "object", "metadata", "name"] } == ["kube-root-ca.crt"])
            #expect(await server.openWatchCount() == 0)

            _ = try await client.post("/api/v1/namespaces/default/configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kept"]])
            let port = server.port
            try await server.restart()
            #expect(server.port == port)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/kept").status == 200)
        }
    }
}
