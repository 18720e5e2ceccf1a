@testable import KaiControllers
import KaiAPI
import Testing

/// `initialDelaySeconds * 2^(retryCount-1)`, capped, less up to 10% jitter.
@Suite struct ChannelBackoffTests {
    @Test func delaysDoubleFromTheInitialDelayUpToTheCap() {
        let retry = ChannelRetrySpec(maxRetries: 20, initialDelaySeconds: 3, maxDelaySeconds: 300)
        let delays = (1...9).map { ChannelBackoff.baseDelay(retryCount: $0, retry: retry) }
        #expect(delays == [3, 6, 12, 24, 48, 96, 192, 300, 300].map { Duration.seconds($0) })
    }

    @Test func jitterOnlyShortensTheDelay() {
        let retry = ChannelRetrySpec()
        #expect(ChannelBackoff.delay(retryCount: 2, retry: retry, jitter: 0.1, random: 0) == .seconds(6))
        #expect(ChannelBackoff.delay(retryCount: 2, retry: retry, jitter: 0.1, random: 0.5) == .milliseconds(5700))
        #expect(ChannelBackoff.delay(retryCount: 2, retry: retry, jitter: 0.1, random: 0.999) >= .milliseconds(5400))
        #expect(ChannelBackoff.delay(retryCount: 100, retry: retry, jitter: 0.1, random: 0) == .seconds(300))
    }

    @Test func hugeValuesStayWithinAYear() {
        let retry = ChannelRetrySpec(maxRetries: .max, initialDelaySeconds: 1, maxDelaySeconds: .max)
        #expect(ChannelBackoff.baseDelay(retryCount: .max, retry: retry) == .seconds(ChannelBackoff.longest))
        #expect(ChannelBackoff.delay(retryCount: .max, retry: retry, jitter: 0.1, random: 0) == .seconds(ChannelBackoff.longest))
        let huge = ChannelRetrySpec(maxRetries: 1, initialDelaySeconds: .max, maxDelaySeconds: .max)
        #expect(ChannelBackoff.baseDelay(retryCount: 1, retry: huge) == .seconds(ChannelBackoff.longest))
    }
}
