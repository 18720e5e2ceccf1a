import Foundation
@testable import KaiControllers
import KubeReconcile
import KubeTransport
import Testing

/// The webhook server's own lifecycle.
@Suite struct ChannelWebhookServerTests {
    @Test func runServesUntilCancelledAndAnswers503BeforeTheCacheSynced() async throws {
        try await ChannelHarness.with { h in
            let client = try channelClient(h.server, token: "admin-token")
            let recorder = try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "t"),
                                             clock: h.clock, logger: channelQuietLogger)
            let channels = try ChannelController.make(client: client, options: h.options(), recorder: recorder,
                                                      metrics: ChannelMetrics(factory: ChannelRecordingMetrics()), clock: h.clock,
                                                      now: h.now, logger: channelQuietLogger)
            let webhook = try #require(channels.webhook)
            let running = Task { try await webhook.run() }
            let port = try await h.eventually("the webhook to listen") { webhook.port }
            // Nothing runs the caches here: the operator cannot know the Channels yet.
            let response = try await ChannelWebhookTests.transport.send(HTTPRequest(
                method: "POST", url: "http://127.0.0.1:\(port)\(ChannelWebhookServer.path)",
                body: Array(#"{"channelId":"x","event":"qdrant-collection-created"}"#.utf8), timeout: .seconds(10)))
            #expect(response.status == 503)
            running.cancel()
            try await running.value
            #expect(webhook.port == nil)
        }
    }

    @Test func aBusyAddressIsAClearError() async throws {
        try await ChannelHarness.with { h in
            let client = try channelClient(h.server, token: "admin-token")
            let recorder = try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "t"),
                                             logger: channelQuietLogger)
            let taken = try #require(h.kernelAPI.port)
            let channels = try ChannelController.make(
                client: client, options: h.options { $0.webhookBindAddress = ListenAddress(host: "127.0.0.1", port: taken) },
                recorder: recorder, metrics: ChannelMetrics(factory: ChannelRecordingMetrics()), logger: channelQuietLogger)
            let error = await #expect(throws: ChannelConfigurationError.self) { try await channels.webhook?.start() }
            #expect(error?.setting.hasPrefix("--webhook-bind-address") == true)
        }
    }
}
