import Synchronization

/// A `Clock` whose time moves only when a test says so.
///
/// Inject it wherever production code takes `any Clock<Duration>` (or a generic
/// `C: Clock<Duration>`) so tests never sleep for real and never depend on wall time:
///
/// ```swift
/// let clock = ManualClock()
/// let queue = WorkQueue<String>(clock: clock)
/// queue.addAfter("a", delay: .seconds(1))
/// await clock.waitForSleepers(count: 1)   // the queue's timer is now asleep
/// clock.advance(by: .seconds(1))          // ...and is resumed
/// #expect(await queue.get() == "a")
/// ```
///
/// ## Guarantees
/// - `sleep(until:)` returns only once `now >= deadline`; a deadline already reached returns
///   at once, so a sleeper that registers "late" (after the test advanced) is never lost.
/// - `advance(by:)` / `advance(to:)` resume every sleeper whose deadline has been reached,
///   in deadline order (ties in the order they went to sleep).
/// - A cancelled sleeper is removed at once and throws `CancellationError`, like `Task.sleep`.
///
/// ## Caveats
/// Resuming a sleeper only schedules its task; the code after its `sleep` runs later. A test
/// waits for the *effect* it expects (an item on a queue, another sleeper registering via
/// ``waitForSleepers(count:)``) rather than assuming it happened when `advance` returned.
/// Time never goes backwards: advancing to an earlier instant does nothing.
public final class ManualClock: Clock, Sendable {
    /// A point on a ``ManualClock``: the time elapsed since the clock's origin.
    public struct Instant: InstantProtocol, Sendable, CustomStringConvertible {
        /// Time since the clock's origin (`ManualClock.Instant.zero`).
        public var offset: Duration

        /// The clock's origin.
        public static let zero = Instant(offset: .zero)

        /// Creates the instant `offset` after the origin.
        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        public var description: String { "ManualClock.Instant(\(offset))" }
    }

    private struct Sleeper {
        var deadline: Instant
        var sequence: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: Instant
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var watchers: [UInt64: Watcher] = [:]

        mutating func makeID() -> UInt64 {
            nextID += 1
            return nextID
        }

        /// Removes and returns the watchers satisfied by the current number of sleepers.
        mutating func satisfiedWatchers() -> [CheckedContinuation<Void, Never>] {
            let ready = watchers.filter { $0.value.count <= sleepers.count }
            for id in ready.keys { watchers[id] = nil }
            return ready.values.map(\.continuation)
        }
    }

    private let state: Mutex<State>

    /// Creates a clock that reads `now` until advanced.
    public init(now: Instant = .zero) {
        state = Mutex(State(now: now))
    }

    /// The current instant; changes only through ``advance(by:)`` and ``advance(to:)``.
    public var now: Instant {
        state.withLock { $0.now }
    }

    /// A manual clock has no granularity.
    public var minimumResolution: Duration { .zero }

    /// How many tasks are currently suspended in ``sleep(until:tolerance:)``.
    public var pendingSleepers: Int {
        state.withLock { $0.sleepers.count }
    }

    /// The earliest deadline among the pending sleepers, if any.
    ///
    /// Handy to step a system forward one timer at a time:
    /// `if let next = clock.nextDeadline { clock.advance(to: next) }`.
    public var nextDeadline: Instant? {
        state.withLock { $0.sleepers.values.map(\.deadline).min() }
    }

    /// Suspends until ``now`` reaches `deadline` through ``advance(by:)`` / ``advance(to:)``.
    ///
    /// - Throws: `CancellationError` if the task is cancelled before or while sleeping.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = state.withLock { $0.makeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case sleeping([CheckedContinuation<Void, Never>]), done, cancelled }
                let outcome = state.withLock { state -> Outcome in
                    // Checked under the lock: a cancellation handler that ran before this
                    // point found nothing to remove, but the task's flag is already set.
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .done }
                    state.sleepers[id] = Sleeper(deadline: deadline, sequence: id, continuation: continuation)
                    return .sleeping(state.satisfiedWatchers())
                }
                switch outcome {
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .done: continuation.resume()
                case .sleeping(let watchers): for watcher in watchers { watcher.resume() }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and resumes the sleepers whose deadline has been reached.
    ///
    /// A negative duration does nothing: time never goes backwards.
    /// - Returns: how many sleepers were resumed.
    @discardableResult
    public func advance(by duration: Duration) -> Int {
        advance { $0.advanced(by: duration) }
    }

    /// Moves time forward to `instant` and resumes, in deadline order, the sleepers whose
    /// deadline has been reached. An instant earlier than ``now`` does nothing.
    /// - Returns: how many sleepers were resumed.
    @discardableResult
    public func advance(to instant: Instant) -> Int {
        advance { _ in instant }
    }

    /// Moves time to `target(now)` in one critical section, so concurrent calls compose.
    private func advance(_ target: (Instant) -> Instant) -> Int {
        let due = state.withLock { state -> [Sleeper] in
            let instant = target(state.now)
            guard instant > state.now else { return [] }
            state.now = instant
            let due = state.sleepers.values
                .filter { $0.deadline <= instant }
                .sorted { ($0.deadline, $0.sequence) < ($1.deadline, $1.sequence) }
            for sleeper in due { state.sleepers[sleeper.sequence] = nil }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
        return due.count
    }

    /// Suspends until at least `count` tasks are asleep on this clock.
    ///
    /// Call it before ``advance(by:)`` when the code under test computes its deadline from
    /// `now` at the moment it goes to sleep (`sleep(for:)`), so the test never advances
    /// before the sleeper has registered. Returns at once if there are already enough
    /// sleepers, and early (without error) if the waiting task is cancelled.
    public func waitForSleepers(count: Int) async {
        let id = state.withLock { $0.makeID() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if Task.isCancelled || state.sleepers.count >= count { return true }
                    state.watchers[id] = Watcher(count: count, continuation: continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let watcher = state.withLock { $0.watchers.removeValue(forKey: id) }
            watcher?.continuation.resume()
        }
    }
}
