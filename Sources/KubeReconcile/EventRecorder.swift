public import Foundation
import JSON
public import KubeClient
public import Logging
import KubeQueue
import Synchronization

/// Records `events.k8s.io/v1` Events about objects, as client-go's `tools/events` recorder
/// does, without letting a misbehaving object flood the API server.
///
/// ```swift
/// recorder.record(.warning, regarding: ref, reason: "KernelCreateFailed", action: "CreateKernel",
///                 note: "kernel API answered 503")
/// ```
///
/// ## Guarantees
/// - ``record(_:regarding:reason:action:note:related:)`` never blocks and never fails: the Event
///   is queued (up to ``EventRecorderConfiguration/bufferSize``; more are dropped and logged)
///   and written by ``run()``, one at a time.
/// - **Aggregation.** A repeat of an Event (same object, related object, type, reason, action
///   and reporting controller) within ``EventRecorderConfiguration/seriesExpiry`` of the
///   previous one does not create a new Event: the first repeat patches `series`
///   (`count: 2`, `lastObservedTime`) onto the existing one, later repeats only bump a counter
///   that is written every ``EventRecorderConfiguration/seriesUpdateInterval``.
/// - **Rate limit.** Every API write (create or series update) takes a token from the
///   regarding object's bucket (``EventRecorderConfiguration/burst`` tokens, one more per
///   ``EventRecorderConfiguration/refillInterval``). A new Event without a token is dropped;
///   a series update waits for the next interval.
/// - Names are `<object name>.<hex nanoseconds>` (client-go's scheme: never `generateName`,
///   whose trailing `.` the API server refuses), unique per recorder. `eventTime` and
///   `series.lastObservedTime` are MicroTime with exactly six fractional digits.
/// - The Event goes to the regarding object's namespace (`default` for cluster-scoped objects).
///
/// ## Caveats
/// Write failures are logged, never retried: an Event is a best-effort notice.
public final class EventRecorder: Sendable {
    /// Who reports, and the limits.
    public let configuration: EventRecorderConfiguration
    let client: KubeClient
    let clock: ElapsedClock
    let now: @Sendable () -> Date
    let logger: Logger
    let items: AsyncStream<Item>
    let input: AsyncStream<Item>.Continuation
    let state = Mutex(State())
    let lanes = Mutex(WriteLanes())

    /// The per-object write lanes of ``writeConcurrently()``.
    struct WriteLanes: Sendable {
        /// One entry per object with a write in flight: the writes queued behind it.
        var queues: [String: [Occurrence]] = [:]
        /// How many writes are queued in all lanes.
        var waiting = 0
        /// The dispatching loop, parked until a lane moves.
        var dispatcher: CheckedContinuation<Void, Never>?
    }

    enum Item: Sendable {
        case event(Occurrence)
        case flush
    }

    /// One call of `record`.
    struct Occurrence: Sendable {
        var type: EventType
        var regarding: ObjectReference
        var related: ObjectReference?
        var reason: String
        var action: String
        var note: String
        var observed: Duration
        var wallTime: Date
    }

    /// What makes two events "the same" for aggregation (client-go's `getKey`, plus the type).
    struct SeriesKey: Hashable {
        var regarding: String
        var related: String?
        var type: EventType
        var reason: String
        var action: String
    }

    /// An Event written (or being written) and how often it occurred since.
    struct Series {
        var name: String
        var namespace: String
        var regarding: String
        var count: Int
        var writtenCount: Int
        var lastObserved: Duration
        var lastObservedTime: String
    }

    /// A token bucket per regarding object.
    struct Bucket {
        var tokens: Double
        var last: Duration
    }

    struct State {
        var series: [SeriesKey: Series] = [:]
        var buckets: [String: Bucket] = [:]
        var pending = 0
        var idleWaiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID: UInt64 = 0
        var lastNanoseconds: UInt64 = 0
        var running = false
        var observer: (@Sendable (RecorderEvent) -> Void)?
    }

    /// What the recorder did, for tests.
    enum RecorderEvent: Sendable, Equatable {
        case created(name: String)
        case seriesUpdated(name: String, count: Int)
        case dropped(reason: String)
        case flushed
    }

    /// A recorder; call ``run()`` (the manager does) for events to be written.
    /// - Parameters:
    ///   - clock: drives the rate limit, the series interval and expiry (tests pass a manual clock).
    ///   - now: wall time for `eventTime` and names.
    /// - Throws: ``ReconcileConfigurationError`` for an empty reporting controller or instance, or limits below 1.
    public init(client: KubeClient, configuration: EventRecorderConfiguration, clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "kai.events")) throws(ReconcileConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.client = client
        self.clock = ElapsedClock(clock)
        self.now = now
        self.logger = logger
        (items, input) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingOldest(configuration.bufferSize))
    }

    deinit {
        input.finish()
    }

    /// Queues an Event about `regarding`; returns at once.
    /// - Parameters:
    ///   - reason: why, in CamelCase (`KernelCreated`); at most 128 characters are kept.
    ///   - action: what the controller did or failed to do (`CreateKernel`); at most 128 characters.
    ///   - note: a human-readable description; at most 1 KiB is kept.
    ///   - related: a second object involved (a child, a Secret).
    public func record(_ type: EventType, regarding: ObjectReference, reason: String, action: String, note: String,
                       related: ObjectReference? = nil) {
        let occurrence = Occurrence(type: type, regarding: regarding, related: related,
                                    reason: Self.limit(reason.isEmpty ? "Unknown" : reason, characters: 128),
                                    action: Self.limit(action.isEmpty ? "Unknown" : action, characters: 128),
                                    note: Self.limit(note, bytes: 1024), observed: clock.now(), wallTime: now())
        enqueue(.event(occurrence), what: "\(type.rawValue) \(reason) for \(regarding)")
    }

    /// Writes the pending series counts now (also done every series update interval).
    public func flush() {
        enqueue(.flush, what: "series flush")
    }

    /// Waits until every queued event and flush has been handled (or dropped), or the calling
    /// task is cancelled. Needs ``run()`` to be running.
    public func waitUntilIdle() async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let done = state.withLock { state -> Bool in
                    if state.pending == 0 || Task.isCancelled { return true }
                    state.idleWaiters[id] = continuation
                    return false
                }
                if done { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.idleWaiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Writes what is queued and the pending series counts, waiting at most `timeout` (on the
    /// recorder's clock): what a shutting-down manager does so the last events are not lost.
    public func drain(timeout: Duration) async {
        flush()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitUntilIdle() }
            group.addTask { try? await self.clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Writes queued events and, every series update interval, the series counts, until the
    /// calling task is cancelled. Call it once.
    public func run() async {
        let first = state.withLock { state in
            defer { state.running = true }
            return !state.running
        }
        guard first else {
            logger.warning("EventRecorder.run() called twice; the second call returns at once")
            return
        }
        await withDiscardingTaskGroup { group in
            group.addTask {
                while true {
                    do { try await self.clock.sleep(for: self.configuration.seriesUpdateInterval) } catch { return }
                    self.flush()
                }
            }
            await writeConcurrently()
            group.cancelAll()
        }
    }

    /// Takes queued items one at a time and writes up to ``EventRecorderConfiguration/maxConcurrentWrites``
    /// at once, one lane per object: a write about an object that has one in flight waits in that
    /// object's lane (its series update must not overtake the create) while writes about other
    /// objects go ahead; a series flush waits for every lane. At most `maxConcurrentWrites` items
    /// wait in lanes and an item stays in the bounded buffer until then, so a burst is still
    /// dropped, never queued without limit.
    func writeConcurrently() async {
        let limit = configuration.maxConcurrentWrites
        await withDiscardingTaskGroup { writes in
            for await item in items {
                switch item {
                case .event(let occurrence):
                    let object = occurrence.regarding.identity
                    let queued = lanes.withLock { lanes -> Bool in
                        guard lanes.queues[object] != nil else { return false }
                        lanes.queues[object, default: []].append(occurrence)
                        lanes.waiting += 1
                        return true
                    }
                    if queued {
                        await waitForLanes { $0.waiting <= limit }
                        continue
                    }
                    // Only this loop opens lanes, so the object's lane is still closed after the wait.
                    await waitForLanes { $0.queues.count < limit }
                    lanes.withLock { $0.queues[object] = [] }
                    writes.addTask { await self.writeLane(object, first: occurrence) }
                case .flush:
                    await waitForLanes { $0.queues.isEmpty }
                    await flushSeries()
                    finished()
                }
            }
        }
    }

    /// Writes `first`, then whatever queued up behind it for the same object, then closes the lane.
    func writeLane(_ object: String, first: Occurrence) async {
        var next: Occurrence? = first
        while let occurrence = next {
            await process(occurrence)
            finished()
            let (following, waiter) = lanes.withLock { lanes -> (Occurrence?, CheckedContinuation<Void, Never>?) in
                defer { lanes.dispatcher = nil }
                guard var queue = lanes.queues[object], !queue.isEmpty else {
                    lanes.queues[object] = nil
                    return (nil, lanes.dispatcher)
                }
                let following = queue.removeFirst()
                lanes.queues[object] = queue
                lanes.waiting -= 1
                return (following, lanes.dispatcher)
            }
            waiter?.resume()
            next = following
        }
    }

    /// Suspends the dispatching loop until `condition` holds; every lane step wakes it to look again.
    func waitForLanes(_ condition: (WriteLanes) -> Bool) async {
        var holds = false
        while !holds {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Checked and parked under the lock the lanes change under: no wake-up is lost.
                holds = lanes.withLock { lanes -> Bool in
                    if condition(lanes) { return true }
                    lanes.dispatcher = continuation
                    return false
                }
                if holds { continuation.resume() }
            }
        }
    }

    // MARK: - Internals

    func enqueue(_ item: Item, what: String) {
        state.withLock { $0.pending += 1 }
        if case .dropped = input.yield(item) {
            logger.warning("event buffer full; dropping \(what)")
            emit(.dropped(reason: "buffer full"))
            finished()
        }
    }

    func finished() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.pending -= 1
            guard state.pending == 0 else { return [] }
            defer { state.idleWaiters = [:] }
            return Array(state.idleWaiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    func emit(_ event: RecorderEvent) {
        state.withLock { $0.observer }?(event)
    }

    /// Registers a hook that sees every write and drop (tests).
    func observe(_ observer: @escaping @Sendable (RecorderEvent) -> Void) {
        state.withLock { $0.observer = observer }
    }

    enum Decision {
        case create(JSONValue, name: String, namespace: String)
        case updateSeries(name: String, namespace: String, count: Int, lastObservedTime: String)
        case aggregated
        case rateLimited
    }

    func process(_ occurrence: Occurrence) async {
        let key = SeriesKey(regarding: occurrence.regarding.identity, related: occurrence.related?.identity,
                            type: occurrence.type, reason: occurrence.reason, action: occurrence.action)
        let stamp = Timestamp.formatMicro(occurrence.wallTime)
        let decision = state.withLock { state -> Decision in
            if var series = state.series[key], occurrence.observed - series.lastObserved <= configuration.seriesExpiry {
                series.count += 1
                series.lastObserved = occurrence.observed
                series.lastObservedTime = stamp
                state.series[key] = series
                // The first repeat turns the Event into a series at once; later ones wait for a flush.
                if series.writtenCount == 1, Self.take(&state, occurrence.regarding.identity, at: occurrence.observed, configuration) {
                    return .updateSeries(name: series.name, namespace: series.namespace, count: series.count, lastObservedTime: stamp)
                }
                return .aggregated
            }
            guard Self.take(&state, occurrence.regarding.identity, at: occurrence.observed, configuration) else { return .rateLimited }
            let namespace = occurrence.regarding.namespace ?? "default"
            let name = Self.name(for: occurrence.regarding.name, at: occurrence.wallTime, after: &state.lastNanoseconds)
            state.series[key] = Series(name: name, namespace: namespace, regarding: occurrence.regarding.identity, count: 1,
                                       writtenCount: 1, lastObserved: occurrence.observed, lastObservedTime: stamp)
            return .create(event(occurrence, name: name, namespace: namespace, eventTime: stamp), name: name, namespace: namespace)
        }
        switch decision {
        case .create(let event, let name, let namespace):
            do {
                _ = try await client.create(.events, event, namespace: namespace)
                emit(.created(name: name))
            } catch {
                // Forget it, so that the next occurrence tries a fresh Event.
                state.withLock { state in
                    if state.series[key]?.name == name { state.series[key] = nil }
                }
                logger.warning("cannot record event", metadata: ["event": "\(namespace)/\(name)", "reason": "\(occurrence.reason)",
                                                                 "error": "\(error)"])
                emit(.dropped(reason: "write failed"))
            }
        case .updateSeries(let name, let namespace, let count, let lastObservedTime):
            await writeSeries(key, name: name, namespace: namespace, count: count, lastObservedTime: lastObservedTime)
        case .aggregated:
            break
        case .rateLimited:
            logger.debug("event rate limit reached; dropping event",
                         metadata: ["regarding": "\(occurrence.regarding)", "reason": "\(occurrence.reason)"])
            emit(.dropped(reason: "rate limited"))
        }
    }

    /// Writes every series whose count moved since its last write (if the object has a token
    /// left), and forgets series that have expired.
    func flushSeries() async {
        let now = clock.now()
        let writes = state.withLock { state -> [(SeriesKey, Series)] in
            var writes: [(SeriesKey, Series)] = []
            for (key, series) in state.series.sorted(by: { $0.value.name < $1.value.name }) {
                if series.count > series.writtenCount, Self.take(&state, series.regarding, at: now, configuration) {
                    writes.append((key, series))
                }
                if now - series.lastObserved > configuration.seriesExpiry, series.count == series.writtenCount || writes.last?.0 == key {
                    state.series[key] = nil
                }
            }
            // Full buckets carry no information: drop them to keep memory bounded.
            state.buckets = state.buckets.filter { _, bucket in
                Self.refilled(bucket, at: now, configuration) < Double(configuration.burst)
            }
            return writes
        }
        for (key, series) in writes {
            await writeSeries(key, name: series.name, namespace: series.namespace, count: series.count,
                              lastObservedTime: series.lastObservedTime)
        }
        emit(.flushed)
    }

    func writeSeries(_ key: SeriesKey, name: String, namespace: String, count: Int, lastObservedTime: String) async {
        let patch: JSONValue = ["series": ["count": .int(Int64(count)), "lastObservedTime": .string(lastObservedTime)]]
        do {
            _ = try await client.patch(.events, name: name, namespace: namespace, .merge(patch))
            state.withLock { state in
                guard var series = state.series[key], series.name == name else { return }
                series.writtenCount = max(series.writtenCount, count)
                state.series[key] = series
            }
            emit(.seriesUpdated(name: name, count: count))
        } catch {
            if error.isNotFound {
                // The API server expired the Event (1 h by default): the next repeat starts a new one.
                state.withLock { state in
                    if state.series[key]?.name == name { state.series[key] = nil }
                }
            }
            logger.warning("cannot update event series", metadata: ["event": "\(namespace)/\(name)", "error": "\(error)"])
            emit(.dropped(reason: "write failed"))
        }
    }

    func event(_ occurrence: Occurrence, name: String, namespace: String, eventTime: String) -> JSONValue {
        var event: JSONValue = [
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "eventTime": .string(eventTime),
            "reportingController": .string(configuration.reportingController),
            "reportingInstance": .string(configuration.reportingInstance),
            "action": .string(occurrence.action),
            "reason": .string(occurrence.reason),
            "note": .string(occurrence.note),
            "type": .string(occurrence.type.rawValue),
            "regarding": occurrence.regarding.json,
        ]
        if let related = occurrence.related { event["related"] = related.json }
        return event
    }

    /// Takes a token from the object's bucket if one is left.
    static func take(_ state: inout State, _ object: String, at now: Duration, _ configuration: EventRecorderConfiguration) -> Bool {
        var bucket = state.buckets[object] ?? Bucket(tokens: Double(configuration.burst), last: now)
        bucket.tokens = refilled(bucket, at: now, configuration)
        bucket.last = max(bucket.last, now)
        guard bucket.tokens >= 1 else {
            state.buckets[object] = bucket
            return false
        }
        bucket.tokens -= 1
        state.buckets[object] = bucket
        return true
    }

    static func refilled(_ bucket: Bucket, at now: Duration, _ configuration: EventRecorderConfiguration) -> Double {
        let elapsed = max(.zero, now - bucket.last)
        return min(Double(configuration.burst), bucket.tokens + elapsed / configuration.refillInterval)
    }

    /// `<object name>.<hex nanoseconds>`, strictly increasing per recorder so that two events in
    /// the same nanosecond (or under a frozen test clock) still get distinct names.
    static func name(for object: String, at date: Date, after last: inout UInt64) -> String {
        let seconds = max(0, date.timeIntervalSince1970)
        var nanoseconds = UInt64(seconds * 1_000_000_000)
        if nanoseconds <= last { nanoseconds = last + 1 }
        last = nanoseconds
        let suffix = "." + String(nanoseconds, radix: 16)
        // Object names may be 253 characters long; the Event's name may not be longer either.
        return String(object.prefix(253 - suffix.count)) + suffix
    }

    static func limit(_ text: String, characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(characters))
    }

    /// At most `bytes` of UTF-8, cut at a character boundary.
    static func limit(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var out = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > bytes { break }
            out.append(character)
            used += size
        }
        return out
    }
}
