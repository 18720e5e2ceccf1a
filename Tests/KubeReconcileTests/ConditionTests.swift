import Foundation
import KubeClient
import KubeReconcile
import Testing

/// `lastTransitionTime` moves only when `status` changes; `observedGeneration` on each set.
struct ConditionTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    var t1: Date { t0.addingTimeInterval(60) }

    @Test func aNewConditionGetsTheTransitionTime() {
        var conditions: [Condition] = []
        let changed = conditions.set("Ready", status: .false, reason: "Provisioning", message: "waiting", observedGeneration: 1, now: t0)
        #expect(changed)
        #expect(conditions == [Condition(type: "Ready", status: "False", observedGeneration: 1,
                                         lastTransitionTime: Timestamp.format(t0), reason: "Provisioning", message: "waiting")])
    }

    @Test func sameStatusKeepsTheTransitionTimeButUpdatesTheRest() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .false, reason: "Provisioning", message: "waiting", observedGeneration: 1, now: t0)
        let changed = conditions.set("Ready", status: .false, reason: "Scaling", message: "still waiting", observedGeneration: 2, now: t1)
        #expect(changed)
        let ready = conditions.condition("Ready")
        #expect(ready?.lastTransitionTime == Timestamp.format(t0))
        #expect(ready?.reason == "Scaling")
        #expect(ready?.message == "still waiting")
        #expect(ready?.observedGeneration == 2)
    }

    @Test func aStatusChangeMovesTheTransitionTime() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .false, reason: "Provisioning", message: "", observedGeneration: 1, now: t0)
        conditions.set("Ready", status: .true, reason: "Reconciled", message: "ready", observedGeneration: 1, now: t1)
        #expect(conditions.condition("Ready")?.lastTransitionTime == Timestamp.format(t1))
        #expect(conditions.isTrue("Ready"))
    }

    @Test func settingTheSameValuesAgainReportsNoChange() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .true, reason: "Reconciled", message: "ready", observedGeneration: 3, now: t0)
        let changed = conditions.set("Ready", status: .true, reason: "Reconciled", message: "ready", observedGeneration: 3, now: t1)
        #expect(!changed)
        #expect(conditions.condition("Ready")?.lastTransitionTime == Timestamp.format(t0))
    }

    @Test func otherConditionsKeepTheirOrderAndRemoveWorks() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .false, reason: "A", message: "", observedGeneration: 1, now: t0)
        conditions.set("Reconciling", status: .true, reason: "B", message: "", observedGeneration: 1, now: t0)
        conditions.set("Ready", status: .true, reason: "C", message: "", observedGeneration: 1, now: t1)
        #expect(conditions.map(\.type) == ["Ready", "Reconciling"])
        let removed = conditions.remove("Reconciling")
        #expect(removed)
        let removedAgain = conditions.remove("Reconciling")
        #expect(!removedAgain)
        #expect(conditions.map(\.type) == ["Ready"])
    }

    @Test func currentMeansTheStatusForTheLatestGeneration() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .false, reason: "A", message: "", observedGeneration: 1, now: t0)
        #expect(conditions.isCurrent("Ready", status: .false, generation: 1))
        // kubectl wait ignores a condition about an older generation (transcript 07, case 20).
        #expect(!conditions.isCurrent("Ready", status: .false, generation: 2))
        #expect(!conditions.isCurrent("Ready", status: .true, generation: 1))
        #expect(!conditions.isCurrent("Stalled", status: .true, generation: 1))
    }
}
