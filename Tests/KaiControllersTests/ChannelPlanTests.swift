import Foundation
@testable import KaiControllers
import KaiAPI
import KubeClient
import Testing

/// The decision table of a reconcile, without a server.
@Suite struct ChannelPlanTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let spec = ChannelSpec(displayName: "a")

    func status(_ phase: ChannelPhase?, generation: Int64 = 1, retryCount: Int64 = 0, nextRetryAt: Date? = nil,
                hash: String? = nil) -> ChannelStatus {
        ChannelStatus(observedGeneration: generation, kernelStatus: phase, kernelSpecHash: hash, retryCount: retryCount,
                      nextRetryAt: nextRetryAt.map(Timestamp.formatMicro))
    }

    func decide(_ status: ChannelStatus?, generation: Int64 = 1, annotations: [String: String] = [:], verifiedAt: Date? = nil,
                tokenChanged: Bool = false, resumed: Bool = false, spec: ChannelSpec? = nil) -> ChannelPlan {
        ChannelPlan.decide(spec: spec ?? self.spec, status: status, generation: generation, annotations: annotations, now: now,
                           verifiedAt: verifiedAt, tokenChanged: tokenChanged, resumed: resumed)
    }

    @Test func aNewChannelIsAttempted() {
        #expect(decide(nil).action == .attempt)
        #expect(decide(ChannelStatus(observedGeneration: -1)).action == .attempt)
        #expect(decide(status(.pending)).action == .attempt)
        #expect(decide(status(.creating)).action == .attempt)
    }

    @Test func aCreatedKernelWaitsForTheResyncAfterBeingSeen() {
        let seen = now.addingTimeInterval(-100)
        let plan = decide(status(.created), verifiedAt: seen)
        #expect(plan.action == .wait(until: seen.addingTimeInterval(600)))
        #expect(!plan.resetRetries)
    }

    @Test func aCreatedKernelIsCheckedWhenTheResyncIsDue() {
        #expect(decide(status(.created), verifiedAt: now.addingTimeInterval(-600)).action == .verify)
        let shorter = ChannelSpec(displayName: "a", resyncIntervalSeconds: 60)
        #expect(decide(status(.created), verifiedAt: now.addingTimeInterval(-61), spec: shorter).action == .verify)
    }

    @Test func aCreatedKernelIsCheckedAfterARestartOrASpecChange() {
        #expect(decide(status(.created), verifiedAt: nil).action == .verify)
        let plan = decide(status(.created, generation: 1), generation: 2, verifiedAt: now)
        #expect(plan.action == .verify)
        #expect(plan.resetRetries)
    }

    @Test func aChangedKernelSpecRecreates() {
        let old = KernelCreateRequest.fingerprint(ChannelKernelSpec(modelID: "gpt-3.5"))
        #expect(decide(status(.created, hash: old), generation: 2, verifiedAt: now).action == .recreate)
        let same = KernelCreateRequest.fingerprint(spec.kernel)
        #expect(decide(status(.created, hash: same), verifiedAt: now).action == .wait(until: now.addingTimeInterval(600)))
    }

    @Test func aFailureWaitsUntilNextRetryAt() {
        let next = now.addingTimeInterval(5)
        #expect(decide(status(.failed, retryCount: 1, nextRetryAt: next)).action == .wait(until: next))
        #expect(decide(status(.failed, retryCount: 1, nextRetryAt: now.addingTimeInterval(-1))).action == .attempt)
    }

    @Test func exhaustedRetriesStall() {
        #expect(decide(status(.failed, retryCount: 5)).action == .stalled)
        #expect(decide(status(.failed, retryCount: 4, nextRetryAt: now)).action == .attempt)
        let never = ChannelSpec(displayName: "a", retry: ChannelRetrySpec(maxRetries: 0))
        #expect(decide(status(.failed, retryCount: 1), spec: never).action == .stalled)
    }

    @Test func theRetryAnnotationResetsAndActsAtOnce() {
        let plan = decide(status(.failed, retryCount: 5), annotations: [Channel.retryAnnotation: "1"])
        #expect(plan.action == .attempt)
        #expect(plan.resetRetries)
        #expect(plan.retryRequest == "1")
        var handled = status(.failed, retryCount: 5)
        handled.lastHandledRetry = "1"
        let again = decide(handled, annotations: [Channel.retryAnnotation: "1"])
        #expect(again.action == .stalled)
        #expect(again.retryRequest == nil)
    }

    @Test func aSpecChangeResetsRetries() {
        let plan = decide(status(.failed, generation: 1, retryCount: 5), generation: 2)
        #expect(plan.action == .attempt)
        #expect(plan.resetRetries)
    }

    @Test func aFixedTokenRetriesAtOnce() {
        let plan = decide(status(.failed, retryCount: 2, nextRetryAt: now.addingTimeInterval(30)), tokenChanged: true)
        #expect(plan.action == .attempt)
        #expect(plan.resetRetries)
    }

    @Test func fluxRequestedAtActsNowAndIsRecorded() {
        let annotations = [KaiGroup.requestedAtAnnotation: "2027-01-01T00:00:00Z"]
        let waiting = decide(status(.failed, retryCount: 1, nextRetryAt: now.addingTimeInterval(30)), annotations: annotations)
        #expect(waiting.action == .attempt)
        #expect(!waiting.resetRetries)
        #expect(waiting.reconcileRequest == "2027-01-01T00:00:00Z")
        #expect(decide(status(.created), annotations: annotations, verifiedAt: now).action == .verify)
        var handled = status(.created)
        handled.lastHandledReconcileAt = "2027-01-01T00:00:00Z"
        #expect(decide(handled, annotations: annotations, verifiedAt: now).reconcileRequest == nil)
    }

    @Test func resumingChecksAtOnce() {
        #expect(decide(status(.created), verifiedAt: now, resumed: true).action == .verify)
    }
}
