import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KaiStandIns
import KubeQueue
import Testing

/// The kernel API client against the stand-in: the seed's bodies, tokens, errors, timeouts, metrics.
@Suite struct ChannelKernelAPIClientTests {
    /// Runs `body` with a started stand-in and a client of it.
    func withKernelAPI(token: String? = nil, timeout: Duration = .seconds(5),
                       _ body: (KernelAPIStandIn, KernelAPIClient, ChannelRecordingMetrics) async throws -> Void) async throws {
        let standIn = KernelAPIStandIn(token: token, clock: ManualClock(), logger: channelQuietLogger)
        try await standIn.start()
        let metrics = ChannelRecordingMetrics()
        do {
            let client = KernelAPIClient(transport: try ChannelWriteCounter(), timeout: timeout, metrics: ChannelMetrics(factory: metrics),
                                         clock: ManualClock())
            try await body(standIn, client, metrics)
        } catch {
            standIn.releaseHung()
            await standIn.stop()
            throw error
        }
        standIn.releaseHung()
        await standIn.stop()
    }

    @Test func createSendsTheSeedsPayloadWithTheDefaults() async throws {
        try await withKernelAPI(token: "t0k") { standIn, client, _ in
            let request = KernelCreateRequest(contextID: "ctx-1", kernel: ChannelKernelSpec())
            let response = try await client.create(baseURL: standIn.url, request, token: "t0k")
            #expect(response.contextID == "ctx-1")
            #expect(response.info.modelInfo?.completionModelID == "gpt-4")
            let sent = try #require(standIn.lastRequest(.create))
            #expect(try JSONValue(parsing: sent.bodyText) == [
                "contextId": "ctx-1", "completionOptions": ["modelId": "gpt-4", "temperature": 0.7], "enabledPlugins": ["YouTubePlugin"],
            ])
            #expect(sent.header("Authorization") == "Bearer t0k")
            #expect(sent.header("Content-Type") == "application/json")
            #expect(standIn.createCount(contextId: "ctx-1") == 1)
        }
    }

    @Test func createSendsEveryOptionTheSpecSets() async throws {
        try await withKernelAPI { standIn, client, _ in
            let kernel = ChannelKernelSpec(modelID: "gpt-4o", temperature: 0.2, maxTokens: 512, embeddingModelID: "embed-3",
                                           enabledPlugins: ["YouTubePlugin", "WebPlugin"])
            _ = try await client.create(baseURL: standIn.url + "/", KernelCreateRequest(contextID: "ctx-2", kernel: kernel), token: nil)
            let sent = try #require(standIn.lastRequest(.create))
            #expect(try JSONValue(parsing: sent.bodyText) == [
                "contextId": "ctx-2", "completionOptions": ["modelId": "gpt-4o", "temperature": 0.2, "maxTokens": 512],
                "embeddingOptions": ["modelId": "embed-3"], "enabledPlugins": ["YouTubePlugin", "WebPlugin"],
            ])
            #expect(sent.header("Authorization") == nil)
            #expect(standIn.kernel(contextId: "ctx-2")?.embeddingModelId == "embed-3")
        }
    }

    @Test func infoAndReleaseTellFoundFromNotFound() async throws {
        try await withKernelAPI { standIn, client, metrics in
            #expect(try await client.info(baseURL: standIn.url, contextID: "a&b=c", token: nil) == nil)
            #expect(standIn.lastRequest(.info)?.query == "contextId=a%26b%3Dc")
            standIn.insertKernel(KernelRecord(contextId: "a&b=c", userId: "user-9"))
            let found = try #require(try await client.info(baseURL: standIn.url, contextID: "a&b=c", token: nil))
            #expect(found.info.userID == "user-9")
            #expect(try await client.release(baseURL: standIn.url, contextID: "a&b=c", token: nil) == .released)
            #expect(try await client.release(baseURL: standIn.url, contextID: "a&b=c", token: nil) == .notFound)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "info"), ("code", "404")]) == 1)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "info"), ("code", "200")]) == 1)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "release"), ("code", "200")]) == 1)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "release"), ("code", "404")]) == 1)
            #expect(metrics.observations(ChannelMetrics.kernelRequestDuration, [("operation", "info")]) == 2)
        }
    }

    @Test func anErrorAnswerKeepsCodeReasonAndABodyExcerpt() async throws {
        try await withKernelAPI { standIn, client, metrics in
            try standIn.failNext(1, operation: .create, status: 500, body: "{\"message\":\"database\nis down\"}")
            let error = await #expect(throws: KernelAPIError.self) {
                try await client.create(baseURL: standIn.url, KernelCreateRequest(contextID: "c", kernel: ChannelKernelSpec()), token: nil)
            }
            #expect(error?.code == 500)
            #expect(error?.description == #"500 Internal Server Error - {"message":"database is down"}"#)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "create"), ("code", "500")]) == 1)
            try standIn.failNext(1, operation: .info, status: 503, body: String(repeating: "x", count: 5000))
            let long = await #expect(throws: KernelAPIError.self) { try await client.info(baseURL: standIn.url, contextID: "c", token: nil) }
            #expect(long?.description.hasPrefix("503 Service Unavailable - xxx") == true)
            #expect((long?.description.count ?? 0) < 300)
        }
    }

    @Test func aWrongTokenIs401() async throws {
        try await withKernelAPI(token: "right") { standIn, client, _ in
            let error = await #expect(throws: KernelAPIError.self) {
                try await client.info(baseURL: standIn.url, contextID: "c", token: "wrong")
            }
            #expect(error?.code == 401)
            #expect(error?.description.hasPrefix("401 Unauthorized") == true)
        }
    }

    @Test func aHangingRequestTimesOut() async throws {
        try await withKernelAPI(timeout: .milliseconds(300)) { standIn, client, metrics in
            try standIn.hangNext(1, operation: .info)
            let error = await #expect(throws: KernelAPIError.self) { try await client.info(baseURL: standIn.url, contextID: "c", token: nil) }
            #expect(error?.isTimeout == true)
            #expect(error?.description.hasPrefix("kernel API info request timed out") == true)
            #expect(metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "info"), ("code", "error")]) == 1)
        }
    }

    @Test func aRefusedConnectionIsATransportError() async throws {
        try await withKernelAPI { standIn, client, _ in
            let url = standIn.url
            await standIn.stop()
            let error = await #expect(throws: KernelAPIError.self) { try await client.info(baseURL: url, contextID: "c", token: nil) }
            guard case .transport(_, let cause) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(cause.kind == .connect)
            #expect(error?.description.hasPrefix("kernel API info request failed") == true)
        }
    }

    @Test func aNonJSONAnswerIsInvalid() async throws {
        try await withKernelAPI { standIn, client, _ in
            try standIn.failNext(1, operation: .info, status: 200, body: "<html>proxy</html>")
            let error = await #expect(throws: KernelAPIError.self) { try await client.info(baseURL: standIn.url, contextID: "c", token: nil) }
            #expect(error?.description.contains("answer is invalid") == true)
            #expect(error?.description.contains("<html>proxy</html>") == true)
        }
    }

    @Test func urlsAreBuiltFromAnyBase() throws {
        #expect(try KernelAPIClient.url("http://k:8080/base/", "/api/kernel/info", contextID: "x y") == "http://k:8080/base/api/kernel/info?contextId=x%20y")
        #expect(throws: KernelAPIError.invalidURL("kernel:8080")) { try KernelAPIClient.url("kernel:8080", "/api", contextID: nil) }
        #expect(throws: KernelAPIError.invalidURL("ftp://k")) { try KernelAPIClient.url("ftp://k", "/api", contextID: nil) }
    }

    @Test func theFingerprintFollowsTheKernelOptionsOnly() {
        let base = KernelCreateRequest.fingerprint(ChannelKernelSpec())
        #expect(base == KernelCreateRequest.fingerprint(ChannelKernelSpec()))
        #expect(base.count == 16)
        #expect(base != KernelCreateRequest.fingerprint(ChannelKernelSpec(temperature: 0.8)))
        #expect(base != KernelCreateRequest.fingerprint(ChannelKernelSpec(enabledPlugins: ["YouTubePlugin", "X"])))
        #expect(base != KernelCreateRequest.fingerprint(ChannelKernelSpec(maxTokens: 10)))
    }
}
