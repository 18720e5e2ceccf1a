import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KaiStandIns
import KubeClient
import KubeTestServer
import Testing
import YAML

/// The Channel controller end to end: test API server, kernel API stand-in, manual clock.
@Suite struct ChannelControllerTests {
    static func seedPayload(_ uid: String) -> JSONValue {
        ["contextId": .string(uid), "completionOptions": ["modelId": "gpt-4", "temperature": 0.7], "enabledPlugins": ["YouTubePlugin"]]
    }

    static func isReady(_ object: JSONValue) -> Bool { object.channelConditionStatus("Ready") == "True" }

    @Test func aNewChannelGetsExactlyOneKernelAndBecomesReadyWithinThreeWrites() async throws {
        try await ChannelHarness.with(tls: true) { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            let ready = try await h.waitFor("c1", "Ready", Self.isReady)
            let uid = try await h.uid("c1")
            #expect(ready.kernelStatus == "Created")
            #expect(ready[path: "status", "contextID"] == .string(uid))
            #expect(ready[path: "status", "observedGeneration"] == 1)
            #expect(ready[path: "status", "retryCount"] == 0)
            #expect(ready[path: "status", "kernelCreatedAt"] == "2027-01-01T00:00:00Z")
            #expect(ready[path: "status", "kernel", "modelInfo", "completionModelID"] == "gpt-4")
            #expect(ready[path: "status", "kernel", "plugins"]?.arrayValue?.first?["name"] == "YouTubePlugin")
            #expect(ready[path: "metadata", "finalizers"] == ["kai.dev/kernel-release"])
            #expect(ready.channelConditionStatus("KernelReady") == "True")
            #expect(ready.channelCondition("Ready")?["reason"] == "KernelCreated")
            #expect(ready.channelCondition("Reconciling") == nil)
            #expect(ready.channelCondition("Stalled") == nil)
            #expect(ready.channelConditionStatus("CollectionReady") == "Unknown")
            #expect(ready[path: "status", "conditions"]?.arrayValue?.allSatisfy { $0["observedGeneration"] == 1 } == true)
            // Exactly one create, with the seed's payload.
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            #expect(h.kernelAPI.callCount(.create) == 1)
            #expect(try JSONValue(parsing: try #require(h.kernelAPI.lastRequest(.create)).bodyText) == Self.seedPayload(uid))
            // Finalizer, Creating, Created: three writes, then none.
            #expect(op.writes.counts == ["PATCH object": 1, "PATCH status": 2])
            let infoCalls = h.kernelAPI.callCount(.info)
            for _ in 0..<10 {
                h.clock.advance(by: .seconds(55))
                try await ContinuousClock().sleep(for: .milliseconds(10))
            }
            #expect(op.writes.total == 3)
            #expect(h.kernelAPI.callCount(.info) == infoCalls)
            // The resync checks the kernel, and writes nothing when it is unchanged.
            try await h.advance(until: "the resync's info call", step: .seconds(10)) {
                h.kernelAPI.callCount(.info) > infoCalls ? true : nil
            }
            try await ContinuousClock().sleep(for: .milliseconds(100))
            #expect(op.writes.total == 3)
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            try await h.eventually("the KernelCreated event") { try await h.eventReasons(for: "c1").contains("KernelCreated") ? true : nil }
            #expect(op.metrics.value(ChannelMetrics.channelsByKernelStatus, [("kernel_status", "Created")]) == 1)
            #expect(op.metrics.value(ChannelMetrics.channelsByKernelStatus, [("kernel_status", "Pending")]) == 0)
            #expect((op.metrics.value(ChannelMetrics.kernelRequestsTotal, [("operation", "create"), ("code", "201")]) ?? 0) == 1)
            try Self.kubectlWait(h, "c1")
            await op.stop()
        }
    }

    /// `kubectl wait --for=condition=Ready`, when kubectl is installed.
    static func kubectlWait(_ h: ChannelHarness, _ name: String) throws {
        let kubectl = ["/usr/local/bin/kubectl", "/usr/bin/kubectl"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let kubectl else { return }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("channel-kubeconfig-\(UUID().uuidString)")
        try h.server.kubeconfig(namespace: h.namespace).write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = ["--kubeconfig", config.path, "wait", "--for=condition=Ready", "channel/\(name)", "--timeout=30s"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "kubectl wait: \(text)")
        #expect(text.contains("condition met"))
    }

    @Test func anExistingKernelIsAdoptedWithoutACreate() async throws {
        try await ChannelHarness.with { h in
            try await h.create(h.channel("c1"))
            let uid = try await h.uid("c1")
            h.kernelAPI.insertKernel(KernelRecord(contextId: uid, userId: "existing-user"))
            let op = try await h.startOperator()
            let ready = try await h.waitFor("c1", "Ready", Self.isReady)
            #expect(ready.channelCondition("Ready")?["reason"] == "KernelAdopted")
            #expect(ready[path: "status", "kernel", "userID"] == "existing-user")
            #expect(h.kernelAPI.callCount(.create) == 0)
            #expect(h.kernelAPI.createCount(contextId: uid) == 0)
            try await h.eventually("the KernelAdopted event") { try await h.eventReasons(for: "c1").contains("KernelAdopted") ? true : nil }
            await op.stop()
        }
    }

    /// The operator dies after the kernel API created the kernel and before `Created` was
    /// written: the next operator finds it (info before create) and there is still one kernel.
    @Test func aCrashBetweenCreateAndTheStatusWriteLeavesExactlyOneKernel() async throws {
        try await ChannelHarness.with { h in
            try h.kernelAPI.setLatency(.seconds(5), operation: .create)
            let first = try await h.startOperator()
            try await h.create(h.channel("c1"))
            let uid = try await h.uid("c1")
            try await h.kernelAPI.waitForCalls(1, operation: .create)
            try await h.waitFor("c1", "Creating") { $0.kernelStatus == "Creating" }
            // From now on every status write fails: the answer to create will never be recorded.
            h.server.faults.failNext(1000, withStatus: 503, verb: "patch", pathContains: "/channels/")
            h.kernelClock.advance(by: .seconds(5))
            try await h.eventually("the kernel to exist") { h.kernelAPI.kernel(contextId: uid) }
            try await h.eventually("the failed Created write") { first.writes.counts["PATCH status", default: 0] >= 2 ? true : nil }
            await first.kill()
            h.server.faults.reset()
            #expect(try await h.get("c1")?.kernelStatus == "Creating")

            try h.kernelAPI.setLatency(.zero, operation: .create)
            let second = try await h.startOperator()
            let ready = try await h.waitFor("c1", "Ready", Self.isReady)
            #expect(ready.channelCondition("Ready")?["reason"] == "KernelAdopted")
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            #expect(h.kernelAPI.kernels.count == 1)
            await second.stop()
        }
    }

    @Test func aChangedKernelSpecReleasesAndCreatesAgain() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "Ready", Self.isReady)
            let uid = try await h.uid("c1")
            try await h.patch("c1", ["spec": ["kernel": ["modelID": "gpt-4o", "maxTokens": 1024]]])
            let updated = try await h.waitFor("c1", "the new kernel") { object in
                object[path: "status", "kernel", "modelInfo", "completionModelID"] == "gpt-4o" && Self.isReady(object)
                    && object[path: "status", "observedGeneration"] == 2
            }
            #expect(updated[path: "status", "kernel", "modelInfo", "maxTokens"] == 1024)
            #expect(h.kernelAPI.callCount(.release) == 1)
            #expect(h.kernelAPI.createCount(contextId: uid) == 2)
            #expect(h.kernelAPI.kernel(contextId: uid)?.completionModelId == "gpt-4o")
            try await h.eventually("the KernelSpecChanged event") {
                try await h.eventReasons(for: "c1").contains("KernelSpecChanged") ? true : nil
            }
            // A change elsewhere in the spec only moves observedGeneration.
            try await h.patch("c1", ["spec": ["description": "new text"]])
            try await h.waitFor("c1", "generation 3 observed") { $0[path: "status", "observedGeneration"] == 3 }
            #expect(h.kernelAPI.callCount(.release) == 1)
            #expect(h.kernelAPI.createCount(contextId: uid) == 2)
            await op.stop()
        }
    }

    @Test func aLostKernelIsFoundAtTheResyncAndCreatedAgain() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1", spec: ["resyncIntervalSeconds": 60]))
            try await h.waitFor("c1", "Ready", Self.isReady)
            let uid = try await h.uid("c1")
            h.kernelAPI.removeKernel(contextId: uid)
            try await h.advance(until: "the kernel created again", step: .seconds(5)) {
                h.kernelAPI.kernel(contextId: uid)
            }
            try await h.waitFor("c1", "Ready again", Self.isReady)
            #expect(h.kernelAPI.createCount(contextId: uid) == 2)
            try await h.eventually("the KernelLost event") { try await h.eventReasons(for: "c1").contains("KernelLost") ? true : nil }
            await op.stop()
        }
    }

    @Test func aSuspendedChannelIsLeftAloneUntilResumed() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1", spec: ["suspend": true]))
            let suspended = try await h.waitFor("c1", "Suspended") { $0.channelCondition("Ready")?["reason"] == "Suspended" }
            #expect(suspended.channelConditionStatus("Ready") == "False")
            #expect(suspended[path: "status", "observedGeneration"] == 1)
            #expect(h.kernelAPI.requests.isEmpty)
            try await h.patch("c1", ["spec": ["suspend": false]])
            try await h.waitFor("c1", "Ready", Self.isReady)
            let uid = try await h.uid("c1")
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            try await h.patch("c1", ["spec": ["suspend": true]])
            let again = try await h.waitFor("c1", "Suspended again") { $0.channelCondition("Ready")?["reason"] == "Suspended" }
            #expect(again.channelConditionStatus("Ready") == "True")
            try await h.eventually("the Suspended and Resumed events") {
                let reasons = try await h.eventReasons(for: "c1")
                return reasons.contains("Suspended") && reasons.contains("Resumed") ? true : nil
            }
            await op.stop()
        }
    }

    /// A kernel left `Creating` by an earlier run is waited for, then counted as a failure
    /// after `creatingTimeoutSeconds`, then created by the retry.
    @Test func creatingForTooLongIsAFailure() async throws {
        try await ChannelHarness.with { h in
            try await h.create(h.channel("c1", spec: ["creatingTimeoutSeconds": 60]))
            let uid = try await h.uid("c1")
            _ = try await h.admin.patch(Channel.resource, name: "c1", namespace: h.namespace,
                                        .merge(["status": ["kernelStatus": "Creating", "kernelLastUpdated": "2027-01-01T00:00:00Z",
                                                           "contextID": .string(uid), "observedGeneration": 1]]),
                                        subresource: "status")
            let op = try await h.startOperator()
            try await h.eventually("the first info call") { h.kernelAPI.callCount(.info) >= 1 ? true : nil }
            // The object as the failure wrote it: the clock keeps moving while the test reads, and
            // a later read can already show the retry that follows.
            let failed: JSONValue = try await h.advance(until: "the timeout", step: .seconds(5), max: .seconds(120)) {
                guard let channel = try await h.get("c1"), channel.kernelStatus == "Failed" else { return nil }
                return channel
            }
            #expect(h.clock.now.offset >= .seconds(60))
            #expect(failed[path: "status", "kernelError"] == "Kernel creation timed out")
            #expect(failed[path: "status", "retryCount"] == 1)
            #expect(failed.channelCondition("Ready")?["reason"] == "KernelCreationTimedOut")
            #expect(h.kernelAPI.callCount(.create) == 0)
            try await h.advance(until: "Ready", step: .seconds(1)) { Self.isReady(try await h.get("c1") ?? [:]) ? true : nil }
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            await op.stop()
        }
    }

    @Test func fluxRequestedAtIsHandledAndEchoed() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "Ready", Self.isReady)
            let infoCalls = h.kernelAPI.callCount(.info)
            try await h.patch("c1", ["metadata": ["annotations": ["reconcile.fluxcd.io/requestedAt": "2027-01-01T10:00:00Z"]]])
            try await h.waitFor("c1", "lastHandledReconcileAt") { $0[path: "status", "lastHandledReconcileAt"] == "2027-01-01T10:00:00Z" }
            #expect(h.kernelAPI.callCount(.info) == infoCalls + 1)
            await op.stop()
        }
    }

    /// The controller needs nothing beyond `config/rbac/role.yaml`.
    @Test func theOperatorsClusterRoleIsEnough() async throws {
        let role = try YAML.parse(String(contentsOf: ChannelHarness.root.appendingPathComponent("config/rbac/role.yaml"), encoding: .utf8))
        let rules = try #require(role["rules"]?.arrayValue).map { rule in
            PolicyRule(apiGroups: rule["apiGroups"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                       resources: rule["resources"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                       verbs: rule["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
        let user = KubeTestServer.User(name: "system:serviceaccount:kai-system:kai-operator", token: "operator-token", rules: rules)
        try await ChannelHarness.with(kernelToken: "kernel-token", users: [user]) { h in
            try await h.secret("kernel", value: "kernel-token")
            let op = try await h.startOperator(token: "operator-token")
            try await h.create(h.channel("c1", spec: ["kernelAPI": ["authSecretRef": ["name": "kernel"]]]))
            try await h.waitFor("c1", "Ready", Self.isReady)
            try await h.eventually("the KernelCreated event") { try await h.eventReasons(for: "c1").contains("KernelCreated") ? true : nil }
            let uid = try await h.uid("c1")
            let reply = try await ChannelWebhookTests.post(op, ["channelId": .string(uid), "event": "qdrant-collection-created"])
            #expect(reply.status == 200)
            try await h.delete("c1")
            try await h.eventually("the Channel to be gone") { try await h.get("c1") == nil ? true : nil }
            #expect(h.kernelAPI.callCount(.release) == 1)
            await op.stop()
        }
    }
}
