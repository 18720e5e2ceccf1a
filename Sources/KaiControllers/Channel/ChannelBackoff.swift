import KaiAPI

/// The retry delays of the contract: `initialDelaySeconds * 2^(retryCount-1)`, capped at
/// `maxDelaySeconds`, less a random share of up to `jitter` (so the delay never exceeds the
/// documented one, and Channels that failed together spread out).
enum ChannelBackoff {
    /// The documented delay after failure number `retryCount` (1 for the first failure).
    static func baseDelay(retryCount: Int64, retry: ChannelRetrySpec) -> Duration {
        let cap = min(max(1, retry.maxDelaySeconds), longest)
        var seconds = min(max(1, retry.initialDelaySeconds), cap)
        var doublings = max(0, retryCount - 1)
        while doublings > 0, seconds < cap {
            seconds = seconds > cap / 2 ? cap : seconds * 2
            doublings -= 1
        }
        return .seconds(seconds)
    }

    /// No delay is longer than a year, whatever the spec says (keeps the arithmetic finite).
    static let longest: Int64 = 365 * 24 * 3600

    /// The jittered delay: `base * (1 - jitter * random)`, `random` in `0..<1`.
    static func delay(retryCount: Int64, retry: ChannelRetrySpec, jitter: Double, random: Double) -> Duration {
        let base = baseDelay(retryCount: retryCount, retry: retry)
        let share = min(max(jitter, 0), 1) * min(max(random, 0), 1)
        let milliseconds = (Double(base.components.seconds) * 1000 * (1 - share)).rounded(.down)
        return .milliseconds(Int64(max(1, milliseconds)))
    }
}
