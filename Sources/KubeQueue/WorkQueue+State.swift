public import DequeModule
import HeapModule

extension WorkQueue {
    /// A worker suspended in `get()`.
    @usableFromInline
    struct GetWaiter {
        @usableFromInline var id: UInt64
        @usableFromInline var continuation: CheckedContinuation<Key?, Never>

        @inlinable
        init(id: UInt64, continuation: CheckedContinuation<Key?, Never>) {
            self.id = id
            self.continuation = continuation
        }
    }

    /// A key handed straight to a suspended worker; resumed once the lock is released.
    @usableFromInline
    struct Handoff {
        @usableFromInline var continuation: CheckedContinuation<Key?, Never>
        @usableFromInline var key: Key

        @inlinable
        init(continuation: CheckedContinuation<Key?, Never>, key: Key) {
            self.continuation = continuation
            self.key = key
        }

        @inlinable
        func resume() { continuation.resume(returning: key) }
    }

    /// The first, lock-held step of `get()`.
    @usableFromInline
    enum GetAttempt {
        case key(Key)
        case closed
        case wait(UInt64)
    }

    /// What `done(_:)` must resume once the lock is released.
    @usableFromInline
    struct DoneOutcome {
        @usableFromInline var handoff: Handoff?
        @usableFromInline var drained: [CheckedContinuation<Void, Never>] = []

        @inlinable
        init() {}
    }

    /// What `addAfter(_:delay:)` must resume or cancel once the lock is released.
    enum DelayOutcome {
        case none
        case handoff(Handoff)
        case replacedTimer(Task<Void, Never>)
    }

    /// An `addAfter` waiting for its ready time. Ordered by ready time, then by arrival,
    /// so items due at the same instant are added in the order they were scheduled.
    struct Delayed: Comparable {
        var readyAt: Duration
        var sequence: UInt64
        var key: Key

        static func < (lhs: Delayed, rhs: Delayed) -> Bool {
            (lhs.readyAt, lhs.sequence) < (rhs.readyAt, rhs.sequence)
        }

        static func == (lhs: Delayed, rhs: Delayed) -> Bool {
            lhs.sequence == rhs.sequence
        }
    }

    /// The single task sleeping until the earliest ready time.
    struct Timer {
        var deadline: Duration
        var generation: UInt64
        var task: Task<Void, Never>
    }

    /// Everything the queue's lock protects.
    @usableFromInline
    struct State {
        /// Keys ready to be handed out, first in first out; each at most once.
        @usableFromInline var queue = Deque<Key>()
        /// Keys that need processing: those in `queue` and those re-added while processing.
        @usableFromInline var dirty = Set<Key>()
        /// Keys a worker has got and not yet marked done.
        @usableFromInline var processing = Set<Key>()
        /// Workers waiting in `get()`; non-empty only while `queue` is empty.
        @usableFromInline var getWaiters = Deque<GetWaiter>()
        /// Callers of `shutDownWithDrain()` waiting for `processing` to empty.
        @usableFromInline var drainWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        @usableFromInline var nextWaiterID: UInt64 = 0
        @usableFromInline var shuttingDown = false
        var draining = false

        /// When each dirty key was first added (only when metrics are recorded).
        var addTimes: [Key: Duration] = [:]
        /// When each processing key was handed out (only when metrics are recorded).
        var processingStarts: [Key: Duration] = [:]

        /// Delayed adds by ready time. Moving a key earlier inserts a new entry; the old one
        /// becomes stale and is skipped, since `Heap` cannot change an element in place.
        var delayed = Heap<Delayed>()
        /// The live delayed entry of each key.
        var delayedByKey: [Key: Delayed] = [:]
        var delayedSequence: UInt64 = 0
        var timer: Timer?
        var timerGeneration: UInt64 = 0
        /// The task sampling unfinished work for the metrics.
        var sampler: Task<Void, Never>?

        init() {}

        @inlinable
        mutating func makeWaiterID() -> UInt64 {
            nextWaiterID += 1
            return nextWaiterID
        }

        /// Drops stale entries from the top of the delayed heap.
        mutating func pruneStaleDelayed() {
            while let head = delayed.min, delayedByKey[head.key]?.sequence != head.sequence {
                delayed.removeMin()
            }
        }
    }
}
