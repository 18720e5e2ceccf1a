import Foundation
import JSON
import Testing
@testable import KaiStandIns

@Suite("Kernel API stand-in: token and lifecycle")
struct KernelAPIAuthAndLifecycleTests {
    @Test("without a token every request is served")
    func open() async throws {
        try await withKernelAPI(token: nil) { api async throws in
            #expect(try await api.create("o").status == 201)
            #expect(try await api.info("o", headers: ["Authorization": "Bearer anything"]).status == 200)
        }
    }

    @Test("with a token, a request without or with a wrong bearer token gets 401")
    func tokenRequired() async throws {
        try await withKernelAPI(token: "s3cret") { api async throws in
            for headers in [[:], ["Authorization": "Bearer wrong"], ["Authorization": "Basic s3cret"], ["Authorization": "s3cret"]] {
                for answer in [try await api.create("t", headers: headers), try await api.info("t", headers: headers),
                    try await api.release("t", headers: headers)]
                {
                    #expect(answer.status == 401)
                    #expect(try answer.json() == ["message": "Unauthorized"])
                    #expect(answer.headers["www-authenticate"] == "Bearer")
                }
            }
            #expect(api.kernels.isEmpty)
            #expect(api.createCount(contextId: "t") == 0)
            #expect(api.callCount(.create) == 4)
        }
    }

    @Test("with a token, the right bearer token (scheme in any case) is served")
    func tokenAccepted() async throws {
        try await withKernelAPI(token: "s3cret") { api async throws in
            #expect(try await api.create("t", headers: ["Authorization": "Bearer s3cret"]).status == 201)
            #expect(try await api.info("t", headers: ["Authorization": "bearer s3cret"]).status == 200)
            #expect(try await api.release("t", headers: ["Authorization": "BEARER s3cret"]).status == 200)
        }
    }

    @Test("the token can be switched on and off at run time")
    func switchToken() async throws {
        try await withKernelAPI { api async throws in
            api.setToken("k")
            #expect(try await api.info("x").status == 401)
            api.setToken(nil)
            #expect(try await api.info("x").status == 404)
        }
    }

    @Test("url is empty before start and after stop; the port is a real one while running")
    func urlLifecycle() async throws {
        let api = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
        #expect(api.url == "")
        #expect(api.port == nil)
        try await api.start()
        let port = try #require(api.port)
        #expect(port > 0)
        #expect(api.url == "http://127.0.0.1:\(port)")
        await api.stop()
        #expect(api.url == "")
        await api.stop()  // a second stop does nothing
    }

    @Test("starting twice throws alreadyRunning")
    func startTwice() async throws {
        try await withKernelAPI { api async throws in
            await #expect(throws: StandInError.alreadyRunning(name: "kernel API stand-in")) {
                try await api.start()
            }
            #expect(try await api.info("still-up").status == 404)
        }
    }

    @Test("binding a port in use throws startFailed, and the stand-in can still start elsewhere")
    func portInUse() async throws {
        try await withKernelAPI { first async throws in
            let port = try #require(first.port)
            let second = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
            await #expect {
                try await second.start(port: port)
            } throws: { error in
                guard case StandInError.startFailed(let name, let address, _) = error else { return false }
                return name == "kernel API stand-in" && address == "127.0.0.1:\(port)"
            }
            #expect(second.url == "")
            try await second.start()
            #expect(try await TestHTTP.get(second.url + "/api/kernel/info?contextId=a").status == 404)
            await second.stop()
        }
    }

    @Test("after stop the server refuses connections; a restart keeps the kernels")
    func restart() async throws {
        let api = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
        try await api.start()
        let oldURL = api.url
        _ = try await api.create("kept")
        await api.stop()
        await #expect(throws: (any Error).self) { try await TestHTTP.get(oldURL + "/api/kernel/info?contextId=kept") }
        try await api.start()
        #expect(try await api.info("kept").status == 200)
        await api.stop()
    }

    @Test("unknown paths answer 404")
    func unknownPath() async throws {
        try await withKernelAPI { api async throws in
            #expect(try await TestHTTP.get(api.url + "/api/kernel/other").status == 404)
        }
    }
}
