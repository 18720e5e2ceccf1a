@testable import KaiControllers
import KubeReconcile

/// A running operator of a ``ChannelHarness``.
struct ChannelOperator: Sendable {
    let channels: ChannelController
    let manager: Manager
    let task: Task<Void, any Error>
    /// The operator's writes to Channels.
    let writes: ChannelWriteCounter
    let recorder: EventRecorder
    let metrics: ChannelRecordingMetrics

    var webhookURL: String { "http://127.0.0.1:\(channels.webhook?.port ?? 0)\(ChannelWebhookServer.path)" }

    /// Ends it at once, like a killed process: reconciles in flight are cancelled.
    func kill() async {
        task.cancel()
        _ = await task.result
        await channels.webhook?.stop()
    }

    /// Ends it gracefully.
    func stop() async {
        manager.shutDown()
        _ = await task.result
        await channels.webhook?.stop()
    }
}
