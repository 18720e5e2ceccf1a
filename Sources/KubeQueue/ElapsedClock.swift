/// An injected `Clock` reduced to what the queue, the rate limiters and the controller runtime
/// need: durations since an origin taken when they were created.
///
/// Erasing the clock's `Instant` this way lets the public API take `any Clock<Duration>`
/// (so `WorkQueue<Key>` has one generic parameter, not two) while the heap of ready times
/// still compares plain `Duration`s.
public struct ElapsedClock: Sendable {
    /// Time elapsed since the origin.
    public let now: @Sendable () -> Duration
    /// Sleeps until `now()` reaches the given elapsed time; throws `CancellationError`.
    public let sleep: @Sendable (_ until: Duration) async throws -> Void

    /// Starts measuring from `clock.now`.
    public init(_ clock: any Clock<Duration>) {
        self = Self.opening(clock)
    }

    private init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    private static func opening<C: Clock<Duration>>(_ clock: C) -> ElapsedClock {
        let origin = clock.now
        return ElapsedClock(
            now: { origin.duration(to: clock.now) },
            sleep: { elapsed in try await clock.sleep(until: origin.advanced(by: elapsed), tolerance: nil) }
        )
    }

    /// Sleeps for `duration` from now; throws `CancellationError`.
    public func sleep(for duration: Duration) async throws {
        try await self.sleep(now() + duration)
    }
}
