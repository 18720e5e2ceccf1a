/// An injected `any Clock<Duration>` reduced to durations since an origin, so the watcher can
/// measure time (backoff reset, short watches) without knowing the clock's `Instant` type.
struct ElapsedClock: Sendable {
    /// Time elapsed since the origin.
    let now: @Sendable () -> Duration
    /// Sleeps for a duration on the clock; throws `CancellationError` when cancelled.
    let sleep: @Sendable (Duration) async throws -> Void

    init(_ clock: any Clock<Duration>) {
        self = Self.opening(clock)
    }

    private init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    private static func opening<C: Clock<Duration>>(_ clock: C) -> ElapsedClock {
        let origin = clock.now
        return ElapsedClock(now: { origin.duration(to: clock.now) },
                            sleep: { try await clock.sleep(for: $0) })
    }
}
