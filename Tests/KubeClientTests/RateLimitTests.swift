import Testing
@testable import KubeClient

@Suite struct RateLimitTests {
    @Test func tokenBucketAllowsBurstThenPaces() async {
        let clock = RecordingClock()
        let bucket = TokenBucket(qps: 2, burst: 2, clock: clock)
        for _ in 0..<4 { await bucket.acquire() }
        #expect(clock.sleeps == [.milliseconds(500), .milliseconds(500)])
    }

    @Test func clientSideLimitIsOffByDefault() async throws {
        try await withScriptedServer({ _ in .json(200, widgetJSON) }) { server in
            let clock = RecordingClock()
            let kube = try client(server, clock: clock)
            #expect(kube.configuration.rateLimit == nil)
            for _ in 0..<20 { _ = try await kube.get(Widget.self, name: "w1") }
            #expect(clock.sleeps.isEmpty)
            let limited = try client(server, clock: clock) { $0.rateLimit = .init(qps: 5, burst: 1) }
            for _ in 0..<3 { _ = try await limited.get(Widget.self, name: "w1") }
            #expect(clock.sleeps == [.milliseconds(200), .milliseconds(200)])
        }
    }

    @Test func backoffDoublesAndCaps() {
        let policy = RetryPolicy()
        #expect(policy.backoff(attempt: 1) == .milliseconds(200))
        #expect(policy.backoff(attempt: 4) == .milliseconds(1600))
        #expect(policy.backoff(attempt: 20) == .seconds(10))
    }
}
