import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueConcurrencyTests {
    @Test func lateKeyWaitsAtMostOnePassOverTheBacklog() async throws {
        let queue = WorkQueue<String>()
        let backlog = 1000
        for index in 0..<backlog { queue.add("initial-\(index)") }
        // A busy controller: every processed key is immediately added again.
        var processed = 0
        var lateAddedAt: Int?
        var lateProcessedAt: Int?
        while lateProcessedAt == nil, processed < 10 * backlog, let key = await queue.get() {
            processed += 1
            if key == "late" {
                lateProcessedAt = processed
            } else {
                queue.add(key)
            }
            queue.done(key)
            if processed == 10 {
                queue.add("late")
                lateAddedAt = processed
            }
        }
        let added = try #require(lateAddedAt)
        let served = try #require(lateProcessedAt)
        // Exactly one pass: every backlog key once (their re-adds go behind), then the late key.
        #expect(served - added == backlog + 1)
    }

    @Test func lateKeyIsNotStarvedByConcurrentWorkers() async throws {
        let queue = WorkQueue<Int>()
        let backlog = 2000
        for key in 0..<backlog { queue.add(key) }
        let late = -1
        // Global count of keys handed out, and where the late key was added and served.
        let log = Locked((gets: 0, lateAddedAt: Int?.none, lateServedAt: Int?.none))
        let workers = (0..<4).map { _ in
            Task {
                while let key = await queue.get() {
                    log.withLock { log in
                        log.gets += 1
                        if key == late { log.lateServedAt = log.gets }
                        // Added under the log's lock so no get is counted in between.
                        if log.gets == 100 {
                            queue.add(late)
                            log.lateAddedAt = log.gets
                        }
                    }
                    if key == late {
                        queue.done(key)
                        queue.shutDown()
                        continue
                    }
                    queue.add(key)
                    queue.done(key)
                }
            }
        }
        for worker in workers { await worker.value }
        let result = log.value
        let added = try #require(result.lateAddedAt)
        let served = try #require(result.lateServedAt)
        // One pass over the backlog, plus keys the other three workers had taken but not
        // yet counted, plus the late key itself.
        #expect(served - added <= backlog + 4)
    }

    @Test func concurrentWorkersNeverHoldTheSameKey() async {
        let queue = WorkQueue<Int>()
        let keys = 0..<20
        let inFlight = Locked(Set<Int>())
        let violations = Locked(0)
        let processed = Locked([Int: Int]())
        let workers = (0..<16).map { _ in
            Task {
                while let key = await queue.get() {
                    let fresh = inFlight.withLock { $0.insert(key).inserted }
                    if !fresh { violations.withLock { $0 += 1 } }
                    // Give other workers a chance to get the same key if the queue allowed it.
                    await Task.yield()
                    processed.withLock { $0[key, default: 0] += 1 }
                    inFlight.withLock { _ = $0.remove(key) }
                    queue.done(key)
                }
            }
        }
        await withTaskGroup(of: Void.self) { producers in
            for producer in 0..<8 {
                producers.addTask {
                    for round in 0..<2000 {
                        queue.add(keys[(producer * 7 + round) % keys.count])
                        if round % 50 == 0 { await Task.yield() }
                    }
                }
            }
        }
        queue.shutDown()
        for worker in workers { await worker.value }
        #expect(violations.value == 0)
        #expect(Set(processed.value.keys) == Set(keys))
        #expect(queue.count == 0)
        #expect(queue.processingCount == 0)
    }
}
