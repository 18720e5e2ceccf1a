import Hummingbird
@testable import KubeReconcile
import Testing

/// The one binding path of every HTTP server the operator runs (metrics, probes, webhook).
@Suite(.timeLimit(.minutes(1)))
struct HTTPEndpointTests {
    func endpoint(port: Int = 0) -> HTTPEndpoint {
        HTTPEndpoint(name: "test", setting: "--test-bind-address", address: ListenAddress(host: "127.0.0.1", port: port),
                     logger: quietLogger) { router in
            router.get("hello") { _, _ in "hi" }
        }
    }

    @Test func servesItsRoutesUntilStoppedAndCanStartAgain() async throws {
        let server = endpoint()
        let port = try await server.start()
        #expect(server.port == port)
        #expect(try await TestHTTP.get(port: port, "/hello").text == "hi")
        await server.stop()
        #expect(server.port == nil)
        let again = try await server.start()
        #expect(try await TestHTTP.get(port: again, "/hello").status == 200)
        await server.stop()
    }

    @Test func aSecondStartWhileRunningNamesTheSetting() async throws {
        let server = endpoint()
        try await server.start()
        let error = await #expect(throws: ReconcileConfigurationError.self) { try await server.start() }
        #expect(error?.setting.hasPrefix("--test-bind-address") == true)
        #expect(error?.reason.contains("already running") == true)
        await server.stop()
    }

    @Test func aBusyAddressNamesTheSettingAndLeavesTheEndpointStartable() async throws {
        let holder = endpoint()
        let taken = try await holder.start()
        let server = endpoint(port: taken)
        let error = await #expect(throws: ReconcileConfigurationError.self) { try await server.start() }
        #expect(error?.setting == "--test-bind-address 127.0.0.1:\(taken)")
        #expect(error?.reason.contains("cannot listen") == true)
        await holder.stop()
        // The failed start released its claim: once the address is free it binds.
        let port = try await server.start()
        #expect(port == taken)
        await server.stop()
    }
}
