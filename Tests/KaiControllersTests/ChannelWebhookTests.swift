import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KaiStandIns
import KubeClient
import KubeReconcile
import KubeTransport
import Testing

/// `POST /api/webhooks/kernel`: every answer of the contract, the token, and a burst.
@Suite struct ChannelWebhookTests {
    static func isReady(_ object: JSONValue) -> Bool { object.channelConditionStatus("Ready") == "True" }

    struct Reply {
        var status: Int
        var body: JSONValue?
    }

    /// Posts `body` (JSON, or raw bytes) to the operator's webhook.
    static func post(_ op: ChannelOperator, _ body: JSONValue, authorization: String? = nil) async throws -> Reply {
        try await post(op, raw: body.serializedBytes(), authorization: authorization)
    }

    static func post(_ op: ChannelOperator, raw: [UInt8], authorization: String? = nil) async throws -> Reply {
        var headers = HTTPHeaders([("Content-Type", "application/json")])
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        let response = try await transport.send(HTTPRequest(method: "POST", url: op.webhookURL, headers: headers, body: raw,
                                                            timeout: .seconds(30)))
        return Reply(status: response.status, body: try? JSONValue(parsing: response.body))
    }

    static let transport: CurlTransport = {
        // A test-only client; creating it cannot fail with default options.
        guard let transport = try? CurlTransport() else { fatalError("libcurl is unusable") }
        return transport
    }()

    @Test func everyAnswerOfTheContract() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "Ready", Self.isReady)
            let uid = try await h.uid("c1")

            let created = try await Self.post(op, ["channelId": .string(uid), "event": "qdrant-collection-created", "status": "created"])
            #expect(created.status == 200)
            #expect(created.body == ["message": "Webhook processed successfully"])
            let afterCreated = try await h.waitFor("c1", "collection Created") { $0[path: "status", "qdrantCollectionStatus"] == "Created" }
            #expect(afterCreated.channelConditionStatus("CollectionReady") == "True")
            #expect(afterCreated[path: "status", "qdrantCollectionCreatedAt"] == "2027-01-01T00:00:00Z")
            #expect(Self.isReady(afterCreated))

            let failed = try await Self.post(op, ["channelId": "demo/c1", "event": "qdrant-collection-failed", "status": "failed",
                                                  "error": "disk full"])
            #expect(failed.status == 200)
            let afterFailed = try await h.waitFor("c1", "collection Failed") { $0[path: "status", "qdrantCollectionStatus"] == "Failed" }
            #expect(afterFailed[path: "status", "qdrantCollectionError"] == "disk full")
            #expect(afterFailed.channelCondition("CollectionReady")?["reason"] == "CollectionFailed")
            #expect(afterFailed.channelCondition("CollectionReady")?["message"] == "disk full")
            // The webhook does not claim a generation the reconciler has not seen.
            #expect(afterFailed[path: "status", "observedGeneration"] == 1)

            #expect(try await Self.post(op, ["event": "qdrant-collection-created"]).status == 400)
            #expect(try await Self.post(op, ["channelId": .string(uid)]).body == ["message": "Missing required fields"])
            #expect(try await Self.post(op, ["channelId": "", "event": "qdrant-collection-created"]).status == 400)
            #expect(try await Self.post(op, raw: Array("not json".utf8)).status == 400)
            let unknown = try await Self.post(op, ["channelId": "no-such-channel", "event": "qdrant-collection-created"])
            #expect(unknown.status == 404)
            #expect(unknown.body == ["message": "Channel not found"])
            #expect(try await Self.post(op, ["channelId": "demo/nope", "event": "qdrant-collection-created"]).status == 404)

            let before = try #require(try await h.get("c1"))
            let strange = try await Self.post(op, ["channelId": .string(uid), "event": "qdrant-collection-deleted"])
            #expect(strange.status == 200)
            try await h.eventually("the UnknownWebhookEvent event") {
                try await h.eventReasons(for: "c1").contains("UnknownWebhookEvent") ? true : nil
            }
            #expect(try await h.get("c1")?["status"] == before["status"])

            let tooLarge = try await Self.post(op, raw: Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1))
            #expect(tooLarge.status == 413)

            try await h.eventually("the collection events") {
                let reasons = try await h.eventReasons(for: "c1")
                return reasons.contains("CollectionCreated") && reasons.contains("CollectionFailed") ? true : nil
            }
            let m = op.metrics
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "qdrant-collection-created"), ("result", "accepted")]) == 1)
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "qdrant-collection-failed"), ("result", "accepted")]) == 1)
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "none"), ("result", "bad_request")]) == 4)
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "qdrant-collection-created"), ("result", "not_found")]) == 2)
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "unknown"), ("result", "unknown_event")]) == 1)
            #expect(m.value(ChannelMetrics.webhookEventsTotal, [("event", "none"), ("result", "too_large")]) == 1)
            await op.stop()
        }
    }

    @Test(arguments: [ChannelTokenSource.value("hook-secret"), .secret(namespace: "demo", name: "webhook", key: "token")])
    func withATokenOnlyTheRightBearerGetsIn(_ source: ChannelTokenSource) async throws {
        try await ChannelHarness.with { h in
            try await h.secret("webhook", value: "hook-secret")
            let op = try await h.startOperator(options: h.options { $0.webhookToken = source })
            try await h.create(h.channel("c1"))
            let uid = try await h.uid("c1")
            let event: JSONValue = ["channelId": .string(uid), "event": "qdrant-collection-created"]
            #expect(try await Self.post(op, event).status == 401)
            #expect(try await Self.post(op, event, authorization: "Bearer wrong").status == 401)
            #expect(try await Self.post(op, event, authorization: "hook-secret").status == 401)
            // Checked before anything else: even a bad body gets 401 without the token.
            #expect(try await Self.post(op, raw: Array("x".utf8)).status == 401)
            #expect(try await Self.post(op, event, authorization: "Bearer hook-secret").status == 200)
            #expect(op.metrics.value(ChannelMetrics.webhookEventsTotal, [("event", "none"), ("result", "unauthorized")]) == 4)
            await op.stop()
        }
    }

    @Test func withoutATokenAnyCallerGetsIn() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            let uid = try await h.uid("c1")
            let reply = try await Self.post(op, ["channelId": .string(uid), "event": "qdrant-collection-created"], authorization: "Bearer anything")
            #expect(reply.status == 200)
            await op.stop()
        }
    }

    /// The stand-in sends the webhook after creating the kernel, as the kernel service does.
    @Test func theKernelServicesWebhookReachesTheChannel() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator(options: h.options { $0.webhookToken = .value("hook") })
            h.kernelAPI.setWebhook(url: op.webhookURL, delay: .seconds(2), outcome: .created, token: "hook")
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "Ready", Self.isReady)
            h.kernelClock.advance(by: .seconds(2))
            try await h.kernelAPI.waitForWebhookDeliveries(1)
            #expect(h.kernelAPI.webhookDeliveries.first?.statusCode == 200)
            try await h.waitFor("c1", "collection Created") { $0.channelConditionStatus("CollectionReady") == "True" }
            await op.stop()
        }
    }

    /// 1,000 events for 100 Channels at once: every one accepted, none lost.
    @Test func aBurstOfAThousandEventsLosesNone() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator(options: h.options { $0.maxConcurrentReconciles = 16 })
            let names = (0..<100).map { "burst-\($0)" }
            for name in names { try await h.create(h.channel(name)) }
            var uids: [String: String] = [:]
            for name in names {
                try await h.waitFor(name, "Ready", limit: .seconds(60), Self.isReady)
                uids[name] = try await h.uid(name)
            }
            let statusWritesBefore = op.writes.counts["PATCH status", default: 0]
            // Nine failures with distinct errors per Channel, all at once...
            let failures = names.flatMap { name in (0..<9).map { (name, $0) } }
            let failureCodes = try await Self.postAll(op, failures.map { name, index in
                ["channelId": .string(uids[name] ?? ""), "event": "qdrant-collection-failed", "error": .string("\(name) error \(index)")]
            })
            #expect(failureCodes.allSatisfy { $0 == 200 }, "\(failureCodes.filter { $0 != 200 })")
            for name in names {
                let object = try await h.waitFor(name, "a collection failure") { $0[path: "status", "qdrantCollectionStatus"] == "Failed" }
                let error = object[path: "status", "qdrantCollectionError"]?.stringValue ?? ""
                #expect(error.hasPrefix("\(name) error "))
            }
            // ...then the success, by name this time.
            let successCodes = try await Self.postAll(op, names.map { ["channelId": .string("demo/\($0)"), "event": "qdrant-collection-created"] })
            #expect(successCodes.allSatisfy { $0 == 200 })
            for name in names {
                try await h.waitFor(name, "collection Created") { $0.channelConditionStatus("CollectionReady") == "True" }
            }
            #expect(op.metrics.value(ChannelMetrics.webhookEventsTotal, [("event", "qdrant-collection-failed"), ("result", "accepted")]) == 900)
            #expect(op.metrics.value(ChannelMetrics.webhookEventsTotal, [("event", "qdrant-collection-created"), ("result", "accepted")]) == 100)
            // Every event changed the status, so every event was a write (conflict retries may add a few).
            #expect(op.writes.counts["PATCH status", default: 0] - statusWritesBefore >= 1000)
            await op.stop()
        }
    }

    /// Posts every body, 50 at a time; returns the status codes.
    static func postAll(_ op: ChannelOperator, _ bodies: [JSONValue]) async throws -> [Int] {
        try await withThrowingTaskGroup(of: [Int].self) { group in
            let lanes = 50
            for lane in 0..<lanes {
                group.addTask {
                    var codes: [Int] = []
                    for index in stride(from: lane, to: bodies.count, by: lanes) {
                        codes.append(try await post(op, bodies[index]).status)
                    }
                    return codes
                }
            }
            var all: [Int] = []
            for try await codes in group { all += codes }
            return all
        }
    }
}
