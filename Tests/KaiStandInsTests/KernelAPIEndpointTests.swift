import Foundation
import JSON
import Synchronization
import Testing
@testable import KaiStandIns

@Suite("Kernel API stand-in: endpoints")
struct KernelAPIEndpointTests {
    @Test("create answers 201 with the seed's KernelResponse, exactly")
    func createShape() async throws {
        try await withKernelAPI { api async throws in
            let answer = try await TestHTTP.post(
                api.url + "/api/kernel/create",
                json: #"{"contextId":"ch-1","completionOptions":{"modelId":"gpt-4o","temperature":0.2,"maxTokens":512},"embeddingOptions":{"modelId":"text-embedding-3"},"enabledPlugins":["YouTubePlugin","Other"]}"#
            )
            #expect(answer.status == 201)
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
            let expected: JSONValue = [
                "userId": "kai-standin-user",
                "contextId": "ch-1",
                "lastAccessTime": "2023-05-13T12:34:56.500Z",
                "plugins": [
                    ["name": "YouTubePlugin", "functions": ["GetChannelVideos", "GetVideoTranscript", "SearchVideos"]],
                    ["name": "Other", "functions": []],
                ],
                "modelInfo": ["completionModelId": "gpt-4o", "temperature": 0.2, "maxTokens": 512],
            ]
            #expect(try answer.json() == expected)
            let kernel = try #require(api.kernel(contextId: "ch-1"))
            #expect(kernel.embeddingModelId == "text-embedding-3")
            #expect(kernel.createRequest?["enabledPlugins"] == ["YouTubePlugin", "Other"])
            #expect(api.createCount(contextId: "ch-1") == 1)
        }
    }

    @Test("create fills what the request leaves out from the defaults")
    func createDefaults() async throws {
        let defaults = KernelDefaults(userId: "u-9", completionModelId: "gpt-x", temperature: 1.1, maxTokens: 99)
        try await withKernelAPI(defaults: defaults) { api async throws in
            let answer = try await TestHTTP.post(api.url + "/api/kernel/create", json: #"{"contextId":"bare"}"#)
            #expect(answer.status == 201)
            let json = try answer.json()
            #expect(json["userId"] == "u-9")
            #expect(json["plugins"] == [])
            #expect(json["modelInfo"] == ["completionModelId": "gpt-x", "temperature": 1.1, "maxTokens": 99])
        }
    }

    @Test("info answers 200 with the kernel and 404 for an unknown contextId")
    func info() async throws {
        try await withKernelAPI { api async throws in
            _ = try await api.create("ch-2")
            let found = try await api.info("ch-2")
            #expect(found.status == 200)
            #expect(try found.json()["contextId"] == "ch-2")
            #expect(try found.json()[path: "modelInfo", "completionModelId"] == "gpt-4")
            let missing = try await api.info("nope")
            #expect(missing.status == 404)
            #expect(try missing.json() == ["message": "Kernel not found", "contextId": "nope"])
        }
    }

    @Test("info refreshes lastAccessTime")
    func infoTouches() async throws {
        let tick = Ticker(start: fixedDate)
        try await withKernelAPI(now: { tick.next() }) { api async throws in
            let created = try await api.create("ch-t")
            let first = try await api.info("ch-t")
            #expect(try created.json()["lastAccessTime"] == "2023-05-13T12:34:56.500Z")
            #expect(try first.json()["lastAccessTime"] == "2023-05-13T12:34:57.500Z")
            #expect(api.kernel(contextId: "ch-t")?.lastAccessTime == fixedDate.addingTimeInterval(1))
        }
    }

    @Test("release answers 200 and forgets the kernel, 404 when there is none")
    func release() async throws {
        try await withKernelAPI { api async throws in
            _ = try await api.create("ch-3")
            let released = try await api.release("ch-3")
            #expect(released.status == 200)
            #expect(try released.json() == ["message": "Kernel released", "contextId": "ch-3"])
            #expect(api.kernels.isEmpty)
            #expect(try await api.info("ch-3").status == 404)
            let again = try await api.release("ch-3")
            #expect(again.status == 404)
            #expect(try again.json()["message"] == "Kernel not found")
        }
    }

    @Test("info and release without contextId answer 400", arguments: ["", "?contextId=", "?other=1"])
    func missingContextId(query: String) async throws {
        try await withKernelAPI { api async throws in
            for answer in [
                try await TestHTTP.get(api.url + "/api/kernel/info" + query),
                try await TestHTTP.delete(api.url + "/api/kernel/release" + query),
            ] {
                #expect(answer.status == 400)
                #expect(try answer.json() == ["message": "Missing required query parameter contextId"])
            }
        }
    }

    @Test("a percent-encoded contextId is decoded")
    func encodedContextId() async throws {
        try await withKernelAPI { api async throws in
            _ = try await TestHTTP.post(api.url + "/api/kernel/create", json: #"{"contextId":"ns/name x"}"#)
            #expect(try await api.info("ns%2Fname%20x").status == 200)
        }
    }

    @Test(
        "create validates its body and names what is wrong",
        arguments: [
            ("", "Request body is required"),
            ("   ", "Request body is required"),
            (#"{"contextId": "#, "Request body is not valid JSON: invalid JSON at line 1"),
            ("[1]", "Request body must be a JSON object, got array"),
            (#"{"completionOptions":{}}"#, "Missing required field contextId"),
            (#"{"contextId":null}"#, "Missing required field contextId"),
            (#"{"contextId":7}"#, "Field contextId must be a string, got integer"),
            (#"{"contextId":"  "}"#, "Field contextId must not be empty"),
            (#"{"contextId":"a","completionOptions":"x"}"#, "Field completionOptions must be an object, got string"),
            (#"{"contextId":"a","completionOptions":{"modelId":4}}"#, "Field completionOptions.modelId must be a string"),
            (#"{"contextId":"a","completionOptions":{"temperature":"hot"}}"#, "Field completionOptions.temperature must be a number, got string"),
            (#"{"contextId":"a","completionOptions":{"temperature":-1}}"#, "Field completionOptions.temperature must not be negative"),
            (#"{"contextId":"a","completionOptions":{"maxTokens":0}}"#, "Field completionOptions.maxTokens must be at least 1"),
            (#"{"contextId":"a","completionOptions":{"maxTokens":1.5}}"#, "Field completionOptions.maxTokens must be an integer, got number"),
            (#"{"contextId":"a","embeddingOptions":{"modelId":true}}"#, "Field embeddingOptions.modelId must be a string, got boolean"),
            (#"{"contextId":"a","enabledPlugins":"YouTubePlugin"}"#, "Field enabledPlugins must be an array of strings, got string"),
            (#"{"contextId":"a","enabledPlugins":["ok",1]}"#, "Field enabledPlugins[1] must be a string, got integer"),
        ])
    func createValidation(body: String, message: String) async throws {
        try await withKernelAPI { api async throws in
            let answer = try await TestHTTP.post(api.url + "/api/kernel/create", json: body)
            #expect(answer.status == 400)
            let text = try #require(try answer.json()["message"]?.stringValue)
            #expect(text.hasPrefix(message), "got \(text)")
            #expect(api.kernels.isEmpty)
            #expect(api.createCount(contextId: "a") == 0)
            #expect(api.callCount(.create) == 1)
        }
    }

    @Test("null options are treated as absent")
    func nullOptions() async throws {
        try await withKernelAPI { api async throws in
            let answer = try await TestHTTP.post(
                api.url + "/api/kernel/create",
                json: #"{"contextId":"n","completionOptions":null,"embeddingOptions":{"modelId":null},"enabledPlugins":null}"#)
            #expect(answer.status == 201)
            #expect(api.kernel(contextId: "n")?.completionModelId == "gpt-4")
        }
    }

    @Test("a second create returns the existing kernel with 200 and is counted")
    func duplicateReturnsExisting() async throws {
        try await withKernelAPI { api async throws in
            let first = try await api.create("dup")
            let second = try await TestHTTP.post(
                api.url + "/api/kernel/create", json: createBody("dup", model: "other-model"))
            #expect(first.status == 201)
            #expect(second.status == 200)
            #expect(try second.json() == first.json())
            #expect(api.createCount(contextId: "dup") == 2)
            #expect(api.createCount(contextId: "other") == 0)
            #expect(api.kernels.count == 1)
        }
    }

    @Test("with the conflict policy a second create answers 409")
    func duplicateConflict() async throws {
        try await withKernelAPI { api async throws in
            api.setDuplicateCreatePolicy(.conflict)
            #expect(try await api.create("dup").status == 201)
            let second = try await api.create("dup")
            #expect(second.status == 409)
            #expect(try second.json() == ["message": "Kernel already exists", "contextId": "dup"])
            #expect(api.createCount(contextId: "dup") == 2)
        }
    }

    @Test("a kernel inserted by a test is served but not counted as created")
    func insertAndRemove() async throws {
        try await withKernelAPI { api async throws in
            api.insertKernel(KernelRecord(contextId: "old", lastAccessTime: fixedDate, plugins: [.init(name: "P", functions: ["f"])]))
            let answer = try await api.info("old")
            #expect(answer.status == 200)
            #expect(try answer.json()["plugins"] == [["name": "P", "functions": ["f"]]])
            #expect(api.createCount(contextId: "old") == 0)
            #expect(api.removeKernel(contextId: "old"))
            #expect(!api.removeKernel(contextId: "old"))
            #expect(try await api.info("old").status == 404)
        }
    }

    @Test("every call is counted per operation and recorded with headers and body")
    func recording() async throws {
        try await withKernelAPI { api async throws in
            _ = try await api.create("r", headers: ["X-Trace": "t1"])
            _ = try await api.info("r")
            _ = try await api.info("zzz")
            _ = try await api.release("r")
            #expect(api.callCount(.create) == 1)
            #expect(api.callCount(.info) == 2)
            #expect(api.callCount(.release) == 1)
            let create = try #require(api.lastRequest(.create))
            #expect(create.method == "POST")
            #expect(create.path == "/api/kernel/create")
            #expect(create.header("X-Trace") == "t1")
            #expect(create.header("content-type") == "application/json")
            #expect(create.bodyText == createBody("r"))
            #expect(api.lastRequest(.info)?.query == "contextId=zzz")
            #expect(api.requests.map(\.method) == ["POST", "GET", "GET", "DELETE"])
        }
    }

    @Test("waitForCalls returns once the calls have arrived")
    func waitForCalls() async throws {
        try await withKernelAPI { api async throws in
            async let waited: Void = api.waitForCalls(2, operation: .info)
            _ = try await api.info("a")
            _ = try await api.info("b")
            try await waited
            #expect(api.callCount(.info) == 2)
        }
    }

    @Test("a cancelled wait throws CancellationError")
    func cancelledWait() async throws {
        try await withKernelAPI { api async throws in
            let waiting = Task { try await api.waitForCalls(5, operation: .release) }
            waiting.cancel()
            await #expect(throws: CancellationError.self) { try await waiting.value }
        }
    }

    @Test("stopping wakes waiters with StandInError.stopped")
    func stopWakesWaiters() async throws {
        let api = KernelAPIStandIn(clock: ManualClock(), logger: quietLogger)
        try await api.start()
        let waiting = Task { try await api.waitForCalls(1, operation: .create) }
        // Wait until the waiter is registered, so stop() is what ends it.
        while api.state.withLock({ $0.conditionWaiters.count }) == 0 { await Task.yield() }
        await api.stop()
        await #expect(throws: StandInError.stopped(name: "kernel API stand-in")) { try await waiting.value }
    }
}

/// A wall clock that moves one second per reading.
final class Ticker: Sendable {
    private let readings = Mutex(0)
    private let start: Date
    init(start: Date) { self.start = start }
    func next() -> Date {
        let count = readings.withLock { value in
            defer { value += 1 }
            return value
        }
        return start.addingTimeInterval(TimeInterval(count))
    }
}
