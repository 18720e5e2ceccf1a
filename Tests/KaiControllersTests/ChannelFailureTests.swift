import Foundation
import JSON
@testable import KaiControllers
import KaiAPI
import KaiStandIns
import KubeClient
import Testing

/// Failures of the kernel API: bookkeeping, backoff on the manual clock, Stalled, recovery.
@Suite struct ChannelFailureTests {
    static func isReady(_ object: JSONValue) -> Bool { object.channelConditionStatus("Ready") == "True" }

    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case internalError, unavailable, timeout, hanging, connectionRefused
        var testDescription: String { rawValue }
    }

    /// One failure of each kind: `Failed`, the error kept, one retry counted and scheduled;
    /// then the retry succeeds and there is exactly one kernel.
    @Test(arguments: Fault.allCases)
    func aFailureIsRecordedAndRetried(_ fault: Fault) async throws {
        try await ChannelHarness.with { h in
            let op = try await h.startOperator(options: h.options { $0.kernelRequestTimeout = .seconds(1) })
            var port: Int?
            switch fault {
            case .internalError: try h.kernelAPI.failNext(1, operation: .info, status: 500, body: "boom")
            case .unavailable: try h.kernelAPI.failNext(1, operation: .create, status: 503)
            case .timeout: try h.kernelAPI.setLatency(.seconds(60), operation: .info)
            case .hanging: try h.kernelAPI.hangNext(1, operation: .create)
            case .connectionRefused:
                port = h.kernelAPI.port
                await h.kernelAPI.stop()
            }
            try await h.create(h.channel("c1"))
            let failed = try await h.waitFor("c1", "Failed") { $0.kernelStatus == "Failed" }
            let error = failed[path: "status", "kernelError"]?.stringValue ?? ""
            switch fault {
            case .internalError:
                #expect(error == "500 Internal Server Error - boom")
                #expect(failed.channelCondition("Ready")?["reason"] == "KernelCheckFailed")
            case .unavailable:
                #expect(error.hasPrefix("503 Service Unavailable - "))
                #expect(failed.channelCondition("Ready")?["reason"] == "KernelCreateFailed")
            case .timeout: #expect(error.hasPrefix("kernel API info request timed out"))
            case .hanging: #expect(error.hasPrefix("kernel API create request timed out"))
            case .connectionRefused: #expect(error.hasPrefix("kernel API info request failed"))
            }
            #expect(failed[path: "status", "retryCount"] == 1)
            // Jitter 0.5 of 10% off the 3 s initial delay.
            #expect(failed[path: "status", "nextRetryAt"] == "2027-01-01T00:00:02.850000Z")
            #expect(failed.channelCondition("Reconciling")?["reason"] == "RetryScheduled")
            #expect(failed.channelConditionStatus("Ready") == "False")
            #expect(failed.channelCondition("Stalled") == nil)

            switch fault {
            case .timeout: try h.kernelAPI.setLatency(.zero, operation: .info)
            case .connectionRefused: try await h.kernelAPI.start(port: try #require(port))
            default: break
            }
            try await h.advance(until: "Ready", step: .milliseconds(250), max: .seconds(30)) {
                Self.isReady(try await h.get("c1") ?? [:]) ? true : nil
            }
            #expect(h.clock.now.offset >= .milliseconds(2850))
            let ready = try #require(try await h.get("c1"))
            #expect(ready[path: "status", "retryCount"] == 0)
            #expect(ready[path: "status", "kernelError"] == nil)
            #expect(ready[path: "status", "nextRetryAt"] == nil)
            let uid = try await h.uid("c1")
            #expect(h.kernelAPI.kernels.count == 1)
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            await op.stop()
        }
    }

    /// The retry delays grow as `3 s * 2^(n-1)` (less the jitter), measured on the manual clock
    /// from the kernel API's calls; after `maxRetries` failures the Channel is Stalled and no
    /// call follows; the `kai.dev/retry` annotation resumes it at once.
    @Test func backoffGrowsThenStallsAndTheRetryAnnotationResumes() async throws {
        try await ChannelHarness.with { h in
            try h.kernelAPI.setDown(status: 503)
            let op = try await h.startOperator(random: 0)
            try await h.create(h.channel("c1"))
            // Failure n is written with nextRetryAt; the clock then moves in small steps until
            // the kernel API sees attempt n + 1.
            var scheduled: [String] = []
            var attempts: [Duration] = []
            for failure in 1...5 {
                let failed = try await h.waitFor("c1", "failure \(failure)") { $0[path: "status", "retryCount"] == .int(Int64(failure)) }
                attempts.append(h.clock.now.offset)
                #expect(h.kernelAPI.callCount(.info) == failure)
                guard failure < 5 else { break }
                scheduled.append(failed[path: "status", "nextRetryAt"]?.stringValue ?? "")
                try await h.advance(until: "attempt \(failure + 1)", step: .milliseconds(100), max: .seconds(60)) {
                    h.kernelAPI.callCount(.info) > failure ? true : nil
                }
            }
            // 3, 6, 12, 24 s after failures at 0, 3, 9, 21 s (random 0: no jitter).
            #expect(scheduled == ["2027-01-01T00:00:03.000000Z", "2027-01-01T00:00:09.000000Z",
                                  "2027-01-01T00:00:21.000000Z", "2027-01-01T00:00:45.000000Z"])
            let gaps = zip(attempts.dropFirst(), attempts).map { $0 - $1 }
            for (gap, expected) in zip(gaps, [3, 6, 12, 24].map { Duration.seconds($0) }) {
                #expect(gap >= expected - .milliseconds(300) && gap <= expected + .milliseconds(300), "gap \(gap), expected \(expected)")
            }
            let stalled = try await h.waitFor("c1", "Stalled") { $0.channelConditionStatus("Stalled") == "True" }
            #expect(stalled.channelCondition("Stalled")?["reason"] == "RetriesExhausted")
            #expect(stalled[path: "status", "retryCount"] == 5)
            #expect(stalled[path: "status", "nextRetryAt"] == nil)
            #expect(stalled.channelCondition("Reconciling") == nil)
            // Nothing more happens however long we wait.
            for _ in 0..<20 {
                h.clock.advance(by: .seconds(60))
                try await ContinuousClock().sleep(for: .milliseconds(5))
            }
            try await ContinuousClock().sleep(for: .milliseconds(100))
            #expect(h.kernelAPI.callCount(.info) == 5)
            try await h.eventually("the RetriesExhausted event") {
                try await h.eventReasons(for: "c1").contains("RetriesExhausted") ? true : nil
            }

            h.kernelAPI.setUp()
            try await h.patch("c1", ["metadata": ["annotations": ["kai.dev/retry": "1"]]])
            let ready = try await h.waitFor("c1", "Ready after the retry annotation", Self.isReady)
            #expect(ready[path: "status", "lastHandledRetry"] == "1")
            #expect(ready[path: "status", "retryCount"] == 0)
            #expect(ready.channelCondition("Stalled") == nil)
            await op.stop()
        }
    }

    /// A kernel API that goes up and down: failures are retried until a call gets through,
    /// and one kernel is made.
    @Test func aFlappingKernelAPIEndsWithOneKernel() async throws {
        try await ChannelHarness.with { h in
            try h.kernelAPI.setFlapping(up: 2, down: 2)
            // One call of another context first, so the Channel's first create meets a down phase.
            _ = try? await KernelAPIClient(transport: try ChannelWriteCounter(), timeout: .seconds(5),
                                           metrics: ChannelMetrics(factory: ChannelRecordingMetrics()))
                .release(baseURL: h.kernelAPI.url, contextID: "shift-the-phase", token: nil)
            let op = try await h.startOperator()
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "the first failure") { $0.kernelStatus == "Failed" }
            try await h.advance(until: "Ready", step: .milliseconds(250), max: .seconds(60)) {
                Self.isReady(try await h.get("c1") ?? [:]) ? true : nil
            }
            let uid = try await h.uid("c1")
            #expect(h.kernelAPI.createCount(contextId: uid) == 1)
            try await h.eventually("the failure events") {
                try await h.eventReasons(for: "c1").filter { $0.hasPrefix("Kernel") && $0.hasSuffix("Failed") }.count >= 1 ? true : nil
            }
            await op.stop()
        }
    }

    /// 401 from a wrong token in the Channel's Secret; fixing the Secret retries at once.
    @Test func fixingTheTokenSecretRetriesAtOnce() async throws {
        try await ChannelHarness.with(kernelToken: "right") { h in
            try await h.secret("kernel-token", value: "wrong\n")
            let op = try await h.startOperator()
            try await h.create(h.channel("c1", spec: ["kernelAPI": ["authSecretRef": ["name": "kernel-token"]]]))
            let failed = try await h.waitFor("c1", "401") { $0.kernelStatus == "Failed" }
            #expect(failed[path: "status", "kernelError"]?.stringValue?.hasPrefix("401 Unauthorized") == true)
            #expect(h.kernelAPI.lastRequest(.info)?.header("Authorization") == "Bearer wrong")
            // No clock movement: the Secret's change alone re-triggers the Channel.
            try await h.secret("kernel-token", value: "right")
            let ready = try await h.waitFor("c1", "Ready", Self.isReady)
            #expect(ready[path: "status", "retryCount"] == 0)
            #expect(h.kernelAPI.lastRequest(.create)?.header("Authorization") == "Bearer right")
            await op.stop()
        }
    }

    /// A missing Secret stalls the Channel (nothing to retry) until it appears.
    @Test func aMissingTokenSecretStallsUntilItIsCreated() async throws {
        try await ChannelHarness.with(kernelToken: "right") { h in
            let op = try await h.startOperator()
            try await h.create(h.channel("c1", spec: ["kernelAPI": ["authSecretRef": ["name": "later", "key": "bearer"]]]))
            let stalled = try await h.waitFor("c1", "Stalled") { $0.channelConditionStatus("Stalled") == "True" }
            #expect(stalled.channelCondition("Stalled")?["reason"] == "AuthSecretNotFound")
            #expect(stalled.channelCondition("Stalled")?["message"]?.stringValue?.contains("Secret demo/later") == true)
            #expect(h.kernelAPI.requests.isEmpty)
            try await h.secret("later", key: "bearer", value: "right")
            try await h.waitFor("c1", "Ready", Self.isReady)
            await op.stop()
        }
    }

    /// The operator-wide token goes to Channels without their own.
    @Test func theOperatorWideTokenIsSent() async throws {
        try await ChannelHarness.with(kernelToken: "operator-wide") { h in
            let op = try await h.startOperator(options: h.options { $0.kernelAPIToken = .value("operator-wide") })
            try await h.create(h.channel("c1"))
            try await h.waitFor("c1", "Ready", Self.isReady)
            #expect(h.kernelAPI.requests.allSatisfy { $0.header("Authorization") == "Bearer operator-wide" })
            await op.stop()
        }
    }
}
