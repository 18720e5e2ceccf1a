import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KubeClient
import Testing

/// What users get wrong: rejected by the schema, or reported by the controller.
@Suite struct ChannelInvalidSpecTests {
    @Test func aChannelTheSchemaRejectsNeverReachesTheReconciler() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            let error = await #expect(throws: KubeError.self) {
                try await h.create(h.channel("hot", spec: ["kernel": ["temperature": 5]]))
            }
            #expect(error?.isInvalid == true)
            #expect(error?.description.contains("spec.kernel.temperature") == true)
            try await ContinuousClock().sleep(for: .milliseconds(200))
            #expect(try await h.get("hot") == nil)
            #expect(h.kernelAPI.requests.isEmpty)
            #expect(op.writes.total == 0)
            await op.stop()
        }
    }

    /// With a CRD that had no rules yet, bad Channels get in: each is `Stalled`, reason
    /// `InvalidSpec`, naming the field; fixing the spec lets it through.
    @Test func aChannelThatSlipsPastTheSchemaIsStalledNamingTheField() async throws {
        var loose = try ChannelHarness.channelCRD()
        loose[keyPath: ["spec", "versions"]] = .array((loose[path: "spec", "versions"]?.arrayValue ?? []).map { version in
            var version = version
            version[keyPath: ["schema", "openAPIV3Schema", "properties", "spec"]] = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
            return version
        })
        try await ChannelHarness.with(crd: loose) { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("range", spec: ["kernel": ["temperature": 5]]))
            try await h.create(h.channel("type", spec: ["kernel": ["temperature": "hot"]]))
            try await h.create(["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "missing", "namespace": "demo"],
                                "spec": ["description": "no displayName"]])
            let expected = [
                "range": "Invalid spec: spec.kernel.temperature: must be between 0 and 2, got 5.0",
                "type": "Invalid spec: spec.kernel.temperature: expected a number",
                "missing": "Invalid spec: spec.displayName: required field is missing",
            ]
            for (name, message) in expected {
                let stalled = try await h.waitFor(name, "Stalled") { $0.channelConditionStatus("Stalled") == "True" }
                #expect(stalled.channelCondition("Stalled")?["reason"] == "InvalidSpec")
                #expect(stalled.channelCondition("Stalled")?["message"]?.stringValue == message)
                #expect(stalled.channelCondition("Ready")?["reason"] == "InvalidSpec")
                #expect(stalled[path: "status", "observedGeneration"] == 1)
                try await h.eventually("the InvalidSpec event of \(name)") {
                    try await h.eventReasons(for: name).contains("InvalidSpec") ? true : nil
                }
            }
            #expect(h.kernelAPI.requests.isEmpty)
            try await h.patch("range", ["spec": ["kernel": ["temperature": 0.5]]])
            let fixed = try await h.waitFor("range", "Ready") { $0.channelConditionStatus("Ready") == "True" }
            #expect(fixed.channelCondition("Stalled") == nil)
            #expect(fixed[path: "status", "observedGeneration"] == 2)
            #expect(h.kernelAPI.callCount(.create) == 1)
            await op.stop()
        }
    }
}
