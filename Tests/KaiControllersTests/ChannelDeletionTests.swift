import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KaiStandIns
import KubeClient
import Testing

/// Deleting a Channel releases its kernel before the finalizer goes.
@Suite struct ChannelDeletionTests {
    static func isReady(_ object: JSONValue) -> Bool { object.channelConditionStatus("Ready") == "True" }

    func readyChannel(_ h: ChannelHarness, _ name: String = "c1", annotations: [String: String] = [:]) async throws -> String {
        try await h.create(h.channel(name, annotations: annotations))
        try await h.waitFor(name, "Ready", Self.isReady)
        return try await h.uid(name)
    }

    @Test func deletionReleasesTheKernelOnce() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            let uid = try await readyChannel(h)
            try await h.delete("c1")
            try await h.eventually("the Channel to be gone") { try await h.get("c1") == nil ? true : nil }
            #expect(h.kernelAPI.callCount(.release) == 1)
            #expect(h.kernelAPI.lastRequest(.release)?.query == "contextId=\(uid)")
            #expect(h.kernelAPI.kernel(contextId: uid) == nil)
            try await h.eventually("the KernelReleased event") { try await h.eventReasons(for: "c1").contains("KernelReleased") ? true : nil }
            await op.stop()
        }
    }

    @Test func aKernelAlreadyGoneIsNotAnError() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            let uid = try await readyChannel(h)
            h.kernelAPI.removeKernel(contextId: uid)
            try await h.delete("c1")
            try await h.eventually("the Channel to be gone") { try await h.get("c1") == nil ? true : nil }
            #expect(h.kernelAPI.callCount(.release) == 1)
            await op.stop()
        }
    }

    @Test func aFailedReleaseKeepsTheFinalizerAndIsRetried() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            let uid = try await readyChannel(h)
            try h.kernelAPI.failNext(1, operation: .release, status: 500, body: "busy")
            try await h.delete("c1")
            let stuck = try await h.waitFor("c1", "the release error") {
                $0[path: "status", "kernelError"]?.stringValue?.contains("500 Internal Server Error - busy") == true
            }
            #expect(stuck[path: "metadata", "deletionTimestamp"] != nil)
            #expect(stuck[path: "metadata", "finalizers"] == ["kai.dev/kernel-release"])
            try await h.eventually("the KernelReleaseFailed event") {
                try await h.eventReasons(for: "c1").contains("KernelReleaseFailed") ? true : nil
            }
            let note = try await h.events(for: "c1").first { $0["reason"] == "KernelReleaseFailed" }?["note"]?.stringValue ?? ""
            #expect(note.contains("kai.dev/skip-release=true"))
            #expect(h.kernelAPI.kernel(contextId: uid) != nil)
            try await h.advance(until: "the Channel to be gone", step: .milliseconds(250), max: .seconds(30)) {
                try await h.get("c1") == nil ? true : nil
            }
            #expect(h.kernelAPI.callCount(.release) == 2)
            #expect(h.kernelAPI.kernel(contextId: uid) == nil)
            await op.stop()
        }
    }

    @Test func skipReleaseLetsTheChannelGoWithoutACall() async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator()
            _ = try await readyChannel(h)
            try h.kernelAPI.setDown()
            try await h.patch("c1", ["metadata": ["annotations": ["kai.dev/skip-release": "true"]]])
            try await h.delete("c1")
            try await h.eventually("the Channel to be gone") { try await h.get("c1") == nil ? true : nil }
            #expect(h.kernelAPI.callCount(.release) == 0)
            try await h.eventually("the KernelReleaseSkipped event") {
                try await h.eventReasons(for: "c1").contains("KernelReleaseSkipped") ? true : nil
            }
            await op.stop()
        }
    }

    /// A Channel whose Secret went first (namespace deletion) is released with the token it last used.
    @Test func theLastTokenReleasesWhenTheSecretIsGone() async throws {
        try await ChannelHarness.with(kernelToken: "right") { h in
            try await h.secret("kernel-token", value: "right")
            let op = try await h.startOperator()
            try await h.create(h.channel("c1", spec: ["kernelAPI": ["authSecretRef": ["name": "kernel-token"]]]))
            try await h.waitFor("c1", "Ready", Self.isReady)
            _ = try await h.admin.delete(.secrets, name: "kernel-token", namespace: h.namespace)
            try await h.delete("c1")
            try await h.eventually("the Channel to be gone") { try await h.get("c1") == nil ? true : nil }
            #expect(h.kernelAPI.lastRequest(.release)?.header("Authorization") == "Bearer right")
            await op.stop()
        }
    }
}
