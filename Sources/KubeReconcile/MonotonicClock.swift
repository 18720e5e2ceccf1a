/// An injected `Clock` reduced to elapsed time since an origin, so code can hold
/// `any Clock<Duration>` and still subtract instants.
struct MonotonicClock: Sendable {
    /// Time elapsed since the origin.
    let now: @Sendable () -> Duration
    /// Sleeps until `now()` reaches the given elapsed time; throws `CancellationError`.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init(_ clock: any Clock<Duration>) {
        self = Self.opening(clock)
    }

    private init(now: @escaping @Sendable () -> Duration, sleepUntil: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleepUntil = sleepUntil
    }

    private static func opening<C: Clock<Duration>>(_ clock: C) -> MonotonicClock {
        let origin = clock.now
        return MonotonicClock(
            now: { origin.duration(to: clock.now) },
            sleepUntil: { elapsed in try await clock.sleep(until: origin.advanced(by: elapsed), tolerance: nil) }
        )
    }

    /// Sleeps for `duration` from now.
    func sleep(for duration: Duration) async throws {
        try await sleepUntil(now() + duration)
    }
}
