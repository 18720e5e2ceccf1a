import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KubeClient
import Testing

/// The status transitions and the conditions that go with them.
@Suite struct ChannelStatusBuilderTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let response = try! KernelResponse(body: Array(#"{"userId":"u","contextId":"c","lastAccessTime":"2027-01-01T00:00:00.000Z","plugins":[{"name":"YouTubePlugin","functions":["SearchVideos"]}],"modelInfo":{"completionModelId":"gpt-4","temperature":0.7,"maxTokens":2048}}"#.utf8), operation: .info)

    func conditions(_ status: ChannelStatus) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (status.conditions ?? []).map { ($0.type, "\($0.status)/\($0.reason)") })
    }

    @Test func beginStartsEveryFieldAndCondition() {
        var builder = ChannelStatusBuilder(ChannelStatus(observedGeneration: -1), generation: 1, now: t0)
        builder.begin(uid: "uid-1")
        builder.finish()
        #expect(builder.status.contextID == "uid-1")
        #expect(builder.status.observedGeneration == 1)
        #expect(builder.status.kernelStatus == .pending)
        #expect(builder.status.qdrantCollectionStatus == .pending)
        #expect(conditions(builder.status) == ["CollectionReady": "Unknown/CollectionPending", "KernelReady": "False/KernelPending",
                                               "Ready": "False/KernelPending"])
        #expect(builder.status.conditions?.allSatisfy { $0.observedGeneration == 1 } == true)
    }

    @Test func creatingThenCreated() {
        var builder = ChannelStatusBuilder(nil, generation: 1, now: t0)
        builder.begin(uid: "u")
        builder.creating(message: "m")
        #expect(builder.status.kernelStatus == .creating)
        #expect(conditions(builder.status)["Reconciling"] == "True/KernelCreating")
        #expect(conditions(builder.status)["Ready"] == "False/KernelCreating")
        builder.created(response, specHash: "h", reason: Channel.Reason.kernelCreated, message: "ok")
        #expect(builder.status.kernelStatus == .created)
        #expect(builder.status.kernelSpecHash == "h")
        #expect(builder.status.kernel?.modelInfo?.completionModelID == "gpt-4")
        #expect(builder.status.kernel?.plugins?.first?.functions == ["SearchVideos"])
        #expect(builder.status.kernelCreatedAt == "2027-01-15T08:00:00Z")
        #expect(conditions(builder.status)["Ready"] == "True/KernelCreated")
        #expect(conditions(builder.status)["KernelReady"] == "True/KernelCreated")
        #expect(conditions(builder.status)["Reconciling"] == nil)
        #expect(conditions(builder.status)["Stalled"] == nil)
    }

    @Test func failuresCountScheduleAndThenStall() {
        var builder = ChannelStatusBuilder(nil, generation: 1, now: t0)
        builder.begin(uid: "u")
        let retry = ChannelRetrySpec(maxRetries: 2)
        let first = builder.failed(error: "500 Internal Server Error - x", reason: Channel.Reason.kernelCreateFailed, retry: retry) { _ in .seconds(3) }
        #expect(first == .seconds(3))
        #expect(builder.status.retryCount == 1)
        #expect(builder.status.kernelStatus == .failed)
        #expect(builder.status.kernelError == "500 Internal Server Error - x")
        #expect(builder.status.nextRetryAt == "2027-01-15T08:00:03.000000Z")
        #expect(conditions(builder.status)["Reconciling"] == "True/RetryScheduled")
        #expect(conditions(builder.status)["Ready"] == "False/KernelCreateFailed")
        let second = builder.failed(error: "e2", reason: Channel.Reason.kernelCheckFailed, retry: retry) { _ in .seconds(6) }
        #expect(second == nil)
        #expect(builder.status.retryCount == 2)
        #expect(builder.status.nextRetryAt == nil)
        #expect(conditions(builder.status)["Stalled"] == "True/RetriesExhausted")
        #expect(conditions(builder.status)["Reconciling"] == nil)
        #expect(builder.status.condition("Stalled")?.message.contains("kai.dev/retry") == true)
    }

    @Test func lastTransitionTimeMovesOnlyWithTheStatus() {
        var builder = ChannelStatusBuilder(nil, generation: 1, now: t0)
        builder.begin(uid: "u")
        builder.creating(message: "one")
        let first = builder.status
        var later = ChannelStatusBuilder(first, generation: 1, now: t0.addingTimeInterval(60))
        later.creating(message: "two")
        #expect(later.status.condition("Ready")?.lastTransitionTime == first.condition("Ready")?.lastTransitionTime)
        #expect(later.status.condition("Ready")?.message == "two")
        later.created(response, specHash: "h", reason: Channel.Reason.kernelCreated, message: "ok")
        #expect(later.status.condition("Ready")?.lastTransitionTime == "2027-01-15T08:01:00Z")
    }

    @Test func verifyingWritesNothingWhenOnlyTheAccessTimeMoved() {
        var builder = ChannelStatusBuilder(nil, generation: 1, now: t0)
        builder.begin(uid: "u")
        builder.created(response, specHash: "h", reason: Channel.Reason.kernelCreated, message: "ok")
        builder.finish()
        let before = builder.status
        var again = response
        again.info.lastAccessTime = "2027-02-01T00:00:00.000Z"
        var check = ChannelStatusBuilder(before, generation: 1, now: t0.addingTimeInterval(600))
        check.begin(uid: "u")
        check.verified(again, specHash: "h", message: "ok")
        check.finish()
        #expect(check.status == before)
        var changed = again
        changed.info.modelInfo?.maxTokens = 4096
        check.verified(changed, specHash: "h", message: "ok")
        #expect(check.status.kernel?.modelInfo?.maxTokens == 4096)
        #expect(check.status.kernel?.lastAccessTime == "2027-02-01T00:00:00.000Z")
    }

    @Test func invalidSpecAndSuspension() {
        var builder = ChannelStatusBuilder(nil, generation: 3, now: t0)
        builder.begin(uid: "u")
        builder.stalled(reason: Channel.Reason.invalidSpec, message: "Invalid spec: spec.kernel.temperature: must be between 0 and 2")
        #expect(conditions(builder.status)["Stalled"] == "True/InvalidSpec")
        #expect(conditions(builder.status)["Ready"] == "False/InvalidSpec")
        builder.created(response, specHash: "h", reason: Channel.Reason.kernelCreated, message: "ok")
        builder.suspended()
        #expect(conditions(builder.status)["Ready"] == "True/Suspended")
        #expect(conditions(builder.status)["Stalled"] == nil)
    }

    @Test func collectionEvents() {
        var builder = ChannelStatusBuilder(nil, generation: nil, now: t0)
        builder.collection(.failed, error: nil)
        #expect(builder.status.qdrantCollectionStatus == .failed)
        #expect(builder.status.qdrantCollectionError == "Unknown error")
        #expect(conditions(builder.status)["CollectionReady"] == "False/CollectionFailed")
        builder.collection(.created, error: nil)
        #expect(builder.status.qdrantCollectionError == nil)
        #expect(builder.status.qdrantCollectionCreatedAt == "2027-01-15T08:00:00Z")
        #expect(conditions(builder.status)["CollectionReady"] == "True/CollectionCreated")
    }
}
