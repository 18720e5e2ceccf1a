import KubeQueue
import KubeReconcile
import Testing

/// The requeue policy: error -> rate-limited re-add; requeueAfter -> forget + addAfter;
/// success -> forget; terminal -> forget and no re-add.
@Suite(.timeLimit(.minutes(1)))
struct RequeuePolicyTests {
    let clock = ManualClock()
    let key = ObjectKey(namespace: "demo", name: "a")

    func makeQueue() -> WorkQueue<ObjectKey> {
        WorkQueue(clock: clock, rateLimiter: ItemExponentialFailureRateLimiter(baseDelay: .seconds(1), maxDelay: .seconds(60)))
    }

    @Test func anErrorIsRetriedWithPerKeyBackoff() async {
        let queue = makeQueue()
        #expect(RequeuePolicy.apply(.failure(Boom()), for: key, on: queue) == .error(Boom()))
        #expect(queue.numRequeues(key) == 1)
        #expect(queue.count == 0)
        #expect(queue.delayedCount == 1)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == key)
        queue.done(key)

        // The second failure in a row waits twice as long.
        RequeuePolicy.apply(.failure(Boom()), for: key, on: queue)
        #expect(queue.numRequeues(key) == 2)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(queue.count == 0)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == key)
    }

    @Test func successForgetsTheFailures() {
        let queue = makeQueue()
        RequeuePolicy.apply(.failure(Boom()), for: key, on: queue)
        #expect(queue.numRequeues(key) == 1)
        #expect(RequeuePolicy.apply(.success(.done), for: key, on: queue) == .success)
        #expect(queue.numRequeues(key) == 0)
    }

    @Test func requeueAfterForgetsTheBackoffAndWaitsTheDelay() async {
        let queue = makeQueue()
        // A failed reconcile, retried after its backoff...
        RequeuePolicy.apply(.failure(Boom()), for: key, on: queue)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == key)
        // ...now asks to be run again in 30 s.
        #expect(RequeuePolicy.apply(.success(.requeueAfter(.seconds(30))), for: key, on: queue) == .requeueAfter(.seconds(30)))
        queue.done(key)
        #expect(queue.numRequeues(key) == 0)
        #expect(queue.delayedCount == 1)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(29))
        #expect(queue.count == 0)
        clock.advance(by: .seconds(1))
        #expect(await queue.get() == key)
    }

    @Test func aTerminalErrorIsForgottenAndNotRetried() {
        let queue = makeQueue()
        RequeuePolicy.apply(.failure(Boom()), for: key, on: queue)
        let outcome = RequeuePolicy.apply(.failure(TerminalError(message: "spec.size is invalid")), for: key, on: queue)
        #expect(outcome == .terminalError(TerminalError(message: "spec.size is invalid")))
        #expect(outcome.resultLabel == "error")
        #expect(queue.numRequeues(key) == 0)
        // Only the earlier failure's retry is pending; the terminal error added nothing.
        #expect(queue.delayedCount == 1)
    }

    @Test func resultLabelsAreControllerRuntimes() {
        #expect(ReconcileOutcome.success.resultLabel == "success")
        #expect(ReconcileOutcome.requeueAfter(.seconds(1)).resultLabel == "requeue_after")
        #expect(ReconcileOutcome.error(Boom()).resultLabel == "error")
    }
}

