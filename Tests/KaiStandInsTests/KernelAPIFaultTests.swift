import Foundation
import JSON
import Testing
@testable import KaiStandIns

@Suite("Kernel API stand-in: faults")
struct KernelAPIFaultTests {
    @Test("failNext fails exactly the next N calls of that operation, with the given status and body")
    func failNext() async throws {
        try await withKernelAPI { api async throws in
            try api.failNext(2, operation: .create, status: 503, body: #"{"error":"busy"}"#)
            let first = try await api.create("f")
            #expect(first.status == 503)
            #expect(try first.json() == ["error": "busy"])
            #expect(try await api.info("f").status == 404)  // other operations are untouched
            #expect(try await api.create("f").status == 503)
            #expect(try await api.create("f").status == 201)
            #expect(api.callCount(.create) == 3)
            #expect(api.createCount(contextId: "f") == 1)
        }
    }

    @Test("failNext without a body answers the kernel API's message shape; a text body is sent as text")
    func failNextBodies() async throws {
        try await withKernelAPI { api async throws in
            try api.failNext(1, operation: .info, status: 500)
            try api.failNext(1, operation: .info, status: 502, body: "Bad Gateway from proxy")
            let json = try await api.info("x")
            #expect(json.status == 500)
            #expect(try json.json() == ["message": "Injected failure (status 500)"])
            let text = try await api.info("x")
            #expect(text.status == 502)
            #expect(text.text == "Bad Gateway from proxy")
            #expect(text.headers["content-type"]?.hasPrefix("text/plain") == true)
        }
    }

    @Test("failNext comes before the token check")
    func failBeforeAuth() async throws {
        try await withKernelAPI(token: "t") { api async throws in
            try api.failNext(1, operation: .info, status: 500)
            #expect(try await api.info("x").status == 500)
            #expect(try await api.info("x").status == 401)
        }
    }

    @Test("failNextAfterApplying creates the kernel but loses the answer")
    func lostAnswer() async throws {
        try await withKernelAPI { api async throws in
            try api.failNextAfterApplying(1, operation: .create, status: 504, body: "gateway timeout")
            let answer = try await api.create("lost")
            #expect(answer.status == 504)
            #expect(answer.text == "gateway timeout")
            #expect(api.kernel(contextId: "lost") != nil)
            #expect(api.createCount(contextId: "lost") == 1)
            #expect(try await api.info("lost").status == 200)
        }
    }

    @Test("failNextAfterApplying on release removes the kernel anyway")
    func lostRelease() async throws {
        try await withKernelAPI { api async throws in
            _ = try await api.create("gone")
            try api.failNextAfterApplying(1, operation: .release, status: 500)
            #expect(try await api.release("gone").status == 500)
            #expect(api.kernels.isEmpty)
        }
    }

    @Test("a seeded failure rate fails the same calls on every run")
    func seededRate() async throws {
        func pattern(seed: UInt64) async throws -> [Int] {
            try await withKernelAPI { api async throws in
                try api.setFailureRate(0.5, operation: .info, status: 500, seed: seed)
                var statuses: [Int] = []
                for _ in 0..<24 { statuses.append(try await api.info("x").status) }
                return statuses
            }
        }
        let first = try await pattern(seed: 42)
        let second = try await pattern(seed: 42)
        #expect(first == second)
        #expect(first.contains(500))
        #expect(first.contains(404))
        #expect(Set(first) == [404, 500])
    }

    @Test("failure rate 1 fails every call, 0 turns it off")
    func rateBounds() async throws {
        try await withKernelAPI { api async throws in
            try api.setFailureRate(1, operation: .create, status: 429, body: "slow down")
            for _ in 0..<3 { #expect(try await api.create("r").status == 429) }
            try api.setFailureRate(0, operation: .create)
            #expect(try await api.create("r").status == 201)
        }
    }

    @Test("latency holds the answer until the injected clock has moved that far")
    func latency() async throws {
        let clock = ManualClock()
        try await withKernelAPI(clock: clock) { api async throws in
            try api.setLatency(.seconds(5), operation: .info)
            async let answer = api.info("slow")
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(4))
            #expect(clock.sleeperCount == 1)  // 4 s in: still waiting
            clock.advance(by: .seconds(1))
            #expect(try await answer.status == 404)
            // Other operations have no latency: they answer without the clock moving.
            #expect(try await api.release("slow").status == 404)
            try api.setLatency(.zero, operation: .info)
            #expect(try await api.info("slow").status == 404)
        }
    }

    @Test("a hung call answers only once released, and then as a normal call")
    func hangAndRelease() async throws {
        try await withKernelAPI { api async throws in
            try api.hangNext(1, operation: .create)
            async let answer = api.create("h")
            try await api.waitForHungRequests(1, operation: .create)
            #expect(api.hungCount(.create) == 1)
            #expect(api.hungCount(.info) == 0)
            #expect(api.kernels.isEmpty)  // nothing applied while hanging
            #expect(try await api.info("h").status == 404)  // other calls go on
            #expect(api.releaseHung(.info) == 0)
            #expect(api.releaseHung() == 1)
            #expect(try await answer.status == 201)
            #expect(api.hungCount() == 0)
            #expect(try await api.create("h2").status == 201)  // only the next one hung
        }
    }

    @Test("stopping aborts hung calls without a successful answer")
    func hangAndStop() async throws {
        let api = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
        try await api.start()
        try api.hangNext(1, operation: .info)
        let call = Task { try await api.info("h") }
        try await api.waitForHungRequests(1)
        await api.stop()
        #expect(api.hungCount() == 0)
        let result = await call.result
        switch result {
        case .success(let answer): #expect(answer.status >= 500)
        case .failure: break  // connection closed: also no answer
        }
    }

    @Test("flapping alternates up and down by calls")
    func flapping() async throws {
        try await withKernelAPI { api async throws in
            try api.setFlapping(up: 2, down: 1)
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await api.info("x").status) }
            #expect(statuses == [404, 404, 503, 404, 404, 503])
            let down = try await api.create("x")  // counts across operations: 7th call is up
            #expect(down.status == 201)
            api.setUp()
            for _ in 0..<3 { #expect(try await api.info("x").status == 200) }
        }
    }

    @Test("down answers every call with 503 Service Unavailable until up")
    func down() async throws {
        try await withKernelAPI { api async throws in
            try api.setDown()
            let answer = try await api.create("d")
            #expect(answer.status == 503)
            #expect(try answer.json() == ["message": "Service Unavailable"])
            try api.setDown(status: 502)
            #expect(try await api.info("d").status == 502)
            api.setUp()
            #expect(try await api.create("d").status == 201)
        }
    }

    @Test("clearFaults removes every injected fault")
    func clearFaults() async throws {
        try await withKernelAPI { api async throws in
            try api.failNext(3, operation: .info, status: 500)
            try api.failNextAfterApplying(3, operation: .create, status: 500)
            try api.setFailureRate(1, operation: .release)
            try api.setLatency(.seconds(60), operation: .info)
            try api.hangNext(2, operation: .info)
            try api.setDown()
            api.clearFaults()
            #expect(try await api.info("c").status == 404)
            #expect(try await api.create("c").status == 201)
            #expect(try await api.release("c").status == 200)
        }
    }

    @Test("forgetAll is a restart: every kernel is gone, counters are kept")
    func forgetAll() async throws {
        try await withKernelAPI { api async throws in
            _ = try await api.create("a")
            _ = try await api.create("b")
            api.forgetAll()
            #expect(api.kernels.isEmpty)
            #expect(try await api.info("a").status == 404)
            #expect(try await api.create("a").status == 201)
            #expect(api.createCount(contextId: "a") == 2)
            #expect(api.callCount(.create) == 3)
        }
    }

    @Test("control calls reject values they cannot use")
    func invalidArguments() async throws {
        let api = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
        #expect(throws: StandInError.self) { try api.failNext(-1, operation: .create, status: 500) }
        #expect(throws: StandInError.invalidArgument("status must be an HTTP status code in 100...599, got 42")) {
            try api.failNext(1, operation: .create, status: 42)
        }
        #expect(throws: StandInError.self) { try api.failNextAfterApplying(1, operation: .create, status: 1000) }
        #expect(throws: StandInError.invalidArgument("probability must be in 0...1, got 1.5")) {
            try api.setFailureRate(1.5, operation: .info)
        }
        #expect(throws: StandInError.self) { try api.setLatency(.seconds(-1), operation: .info) }
        #expect(throws: StandInError.self) { try api.hangNext(-2, operation: .info) }
        #expect(throws: StandInError.self) { try api.setFlapping(up: 0, down: 0) }
        #expect(throws: StandInError.self) { try api.setFlapping(up: -1, down: 2) }
        #expect(throws: StandInError.self) { try api.setDown(status: 99) }
        #expect(StandInError.invalidArgument("x").description == "invalid argument: x")
    }
}
