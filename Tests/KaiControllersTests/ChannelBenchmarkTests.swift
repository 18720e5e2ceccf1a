import Foundation
import Synchronization
@testable import KaiControllers
import KubeClient
import Testing

/// The benchmark body at a small scale (the 5,000-Channel run is the lead's executable).
@Suite struct ChannelBenchmarkTests {
    @Test func theBenchmarkConvergesWithinTheWriteBudgetAndThenStaysQuiet() async throws {
        let count = Int(ProcessInfo.processInfo.environment["KAI_CHANNEL_BENCHMARK_CHANNELS"] ?? "") ?? 150
        let phases = Mutex<[ChannelBenchmark.Phase]>([])
        try await ChannelHarness.with { h in
            try h.kernelAPI.setLatency(.zero, operation: .create)
            let result = try await ChannelBenchmark.run(configuration: ClientConfiguration(server: h.server.url, credentials: .bearerToken("admin-token")),
                                                        kernelAPIURL: h.kernelAPI.url, channels: count, workers: 64,
                                                        deadline: .seconds(120), quietPeriod: .seconds(2), logger: channelQuietLogger,
                                                        observe: { phase in phases.withLock { $0.append(phase) } })
            print("channel benchmark: \(result)")
            #expect(result.ready == count)
            #expect(result.writes <= 3 * count)
            #expect(result.writesAfterConvergence == 0)
            #expect(h.kernelAPI.callCount(.create) == count)
            #expect(phases.withLock { $0 } == [.creating, .converged, .quietStarted, .quietEnded])
        }
    }
}
