import Foundation
import JSON
import Testing
@testable import KaiStandIns

@Suite("Kernel API stand-in: Qdrant collection webhook")
struct KernelAPIWebhookTests {
    @Test("after the delay on the injected clock, a created kernel is reported to the webhook URL")
    func createdAfterDelay() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        let clock = ManualClock()
        try await withKernelAPI(clock: clock) { api async throws in
            api.setWebhook(url: receiver.url, delay: .seconds(30), outcome: .created, token: "hook-token")
            #expect(try await api.create("ch-w").status == 201)
            await clock.waitForSleepers(1)
            #expect(api.pendingWebhookCount == 1)
            clock.advance(by: .seconds(29))
            #expect(api.webhookDeliveries.isEmpty)
            #expect(clock.sleeperCount == 1)
            clock.advance(by: .seconds(1))
            let received = try await receiver.next()
            #expect(
                received.body == [
                    "channelId": "ch-w", "event": "qdrant-collection-created", "status": "created", "error": nil,
                ])
            // The key is present with null, as the seed's handler destructures it.
            #expect(received.body.objectValue?.keys.contains("error") == true)
            #expect(received.authorization == "Bearer hook-token")
            #expect(received.contentType == "application/json")
            try await api.waitForWebhookDeliveries(1)
            let delivery = try #require(api.webhookDeliveries.first)
            #expect(delivery.contextId == "ch-w")
            #expect(delivery.statusCode == 200)
            #expect(delivery.error == nil)
            #expect(delivery.url == receiver.url)
            #expect(api.pendingWebhookCount == 0)
        }
        await receiver.stop()
    }

    @Test("a failed collection is reported with its error; per-contextId outcomes override the default")
    func failedOutcome() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withKernelAPI { api async throws in
            api.setWebhook(url: receiver.url, outcome: .created)
            api.setWebhookOutcome(.failed(error: "Qdrant unreachable"), contextId: "bad")
            _ = try await api.create("bad")
            let received = try await receiver.next()
            #expect(
                received.body == [
                    "channelId": "bad", "event": "qdrant-collection-failed", "status": "failed",
                    "error": "Qdrant unreachable",
                ])
            #expect(received.authorization == nil)
            _ = try await api.create("good")
            #expect(try await receiver.next().body["event"] == "qdrant-collection-created")
        }
        await receiver.stop()
    }

    @Test("no webhook for a silent outcome, a duplicate create, a failed create, or once disabled")
    func noWebhook() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        try await withKernelAPI { api async throws in
            api.setWebhook(url: receiver.url)
            api.setWebhookOutcome(.silent, contextId: "quiet")
            _ = try await api.create("quiet")
            _ = try await api.create("once")
            _ = try await api.create("once")  // existing: 200, no new kernel
            try api.failNext(1, operation: .create, status: 500)
            _ = try await api.create("failed")
            _ = try await TestHTTP.post(api.url + "/api/kernel/create", json: "{}")
            try await api.waitForWebhookDeliveries(1)
            api.disableWebhook()
            _ = try await api.create("after-disable")
            // A marker kernel sent through a fresh webhook config proves nothing else was queued.
            api.setWebhook(url: receiver.url)
            _ = try await api.create("marker")
            try await api.waitForWebhookDeliveries(2)
            #expect(api.webhookDeliveries.map(\.contextId) == ["once", "marker"])
            #expect(try await receiver.next().body["channelId"] == "once")
            #expect(try await receiver.next().body["channelId"] == "marker")
        }
        await receiver.stop()
    }

    @Test("forgetAll drops webhooks not yet sent")
    func forgetDropsPending() async throws {
        let receiver = WebhookReceiver()
        try await receiver.start()
        let clock = ManualClock()
        try await withKernelAPI(clock: clock) { api async throws in
            api.setWebhook(url: receiver.url, delay: .seconds(10))
            _ = try await api.create("dropped")
            await clock.waitForSleepers(1)
            api.forgetAll()
            #expect(api.pendingWebhookCount == 0)
            clock.advance(by: .seconds(10))
            api.setWebhook(url: receiver.url, delay: .zero)
            _ = try await api.create("sent")
            try await api.waitForWebhookDeliveries(1)
            #expect(try await receiver.next().body["channelId"] == "sent")
            #expect(api.webhookDeliveries.map(\.contextId) == ["sent"])
        }
        await receiver.stop()
    }

    @Test("a receiver's error status and an unreachable receiver are recorded")
    func failedDeliveries() async throws {
        let receiver = WebhookReceiver(status: 404)
        try await receiver.start()
        // Port 1 is privileged and unused here: the connection is refused at once.
        let deadURL = "http://127.0.0.1:1/api/webhooks/kernel"
        try await withKernelAPI { api async throws in
            api.setWebhook(url: receiver.url)
            _ = try await api.create("a")
            try await api.waitForWebhookDeliveries(1)
            #expect(api.webhookDeliveries.last?.statusCode == 404)
            api.setWebhook(url: deadURL)
            _ = try await api.create("b")
            try await api.waitForWebhookDeliveries(2)
            let failed = try #require(api.webhookDeliveries.last)
            #expect(failed.statusCode == nil)
            #expect(failed.error?.contains(deadURL) == true)
            api.setWebhook(url: "not a url")
            _ = try await api.create("c")
            try await api.waitForWebhookDeliveries(3)
            #expect(api.webhookDeliveries.last?.error?.hasPrefix("invalid webhook URL \"not a url\"") == true)
        }
        await receiver.stop()
    }
}
