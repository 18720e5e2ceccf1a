import KubeQueue
@testable import KubeReconcile
import Testing

/// The controller loop: per-key exclusion, the requeue policy end to end, terminal errors,
/// metrics and log metadata. A manual clock drives every delay.
@Suite(.timeLimit(.minutes(1)))
struct ControllerTests {
    let clock = ManualClock()
    let metrics = OperatorMetrics()
    let a = ObjectKey(namespace: "demo", name: "a")
    let b = ObjectKey(namespace: "demo", name: "b")
    let c = ObjectKey(namespace: "demo", name: "c")

    func makeController(workers: Int = 4, logger: CapturedLogs? = nil,
                        _ body: @escaping @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult) throws -> Controller {
        try Controller(name: "widgets", reconciler: ReconcilerFunction(body),
                       options: ControllerOptions(maxConcurrentReconciles: workers,
                                                  rateLimiter: ItemExponentialFailureRateLimiter(baseDelay: .seconds(1), maxDelay: .seconds(60)),
                                                  unfinishedWorkSamplingPeriod: .zero),
                       metrics: metrics, clock: clock, logger: logger?.logger() ?? quietLogger)
    }

    @Test func theSameKeyIsNeverReconciledConcurrently() async throws {
        let tracker = ConcurrencyTracker()
        let gate = Gate()
        let started = Probe<ObjectKey>()
        let controller = try makeController { key, _ in
            let call = tracker.begin(key)
            defer { tracker.end(key) }
            started.record(key)
            if call == 1 { await gate.wait() }
            return .done
        }
        let run = Task { await controller.run() }
        for key in [a, b, c] { controller.enqueue(key) }
        var first: Set<ObjectKey> = []
        for _ in 0..<3 { first.insert(await started.next()) }
        #expect(first == [a, b, c])

        // a and b change while they are being reconciled: a fourth worker is free, yet the
        // queue keeps them back until their reconcile is done.
        for _ in 0..<3 { controller.enqueue(a) }
        controller.enqueue(b)
        #expect(controller.queue.count == 0)

        gate.open()
        var second: Set<ObjectKey> = []
        for _ in 0..<2 { second.insert(await started.next()) }
        #expect(second == [a, b])
        controller.shutDown()
        await run.value

        #expect(tracker.maxPerKey.values.allSatisfy { $0 == 1 })
        #expect(tracker.maxTotal == 3)
        #expect(tracker.calls(a) == 2)   // three adds while in flight: one more reconcile
        #expect(tracker.calls(c) == 1)
    }

    @Test func requeueAfterRunsTheKeyAgainAfterTheDelay() async throws {
        let started = Probe<Int>()
        let tracker = ConcurrencyTracker()
        let controller = try makeController { key, _ in
            let call = tracker.begin(key)
            tracker.end(key)
            started.record(call)
            return call == 1 ? .requeueAfter(.seconds(30)) : .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        #expect(await started.next() == 1)
        await clock.waitForSleepers(count: 1)   // the queue's timer for the requeue
        clock.advance(by: .seconds(29))
        #expect(controller.queue.count == 0)
        #expect(controller.queue.delayedCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await started.next() == 2)
        controller.shutDown()
        await run.value

        let text = metrics.exposition()
        #expect(text.contains(#"controller_runtime_reconcile_total{controller="widgets",result="requeue_after"} 1"#))
        #expect(text.contains(#"controller_runtime_reconcile_total{controller="widgets",result="success"} 1"#))
        #expect(text.contains(#"controller_runtime_reconcile_total{controller="widgets",result="error"} 0"#))
    }

    @Test func errorsAreRetriedWithBackoffAndReportedToTheReconciler() async throws {
        let failuresSeen = Probe<Int>()
        let tracker = ConcurrencyTracker()
        let controller = try makeController { key, context in
            let call = tracker.begin(key)
            tracker.end(key)
            failuresSeen.record(context.previousFailures)
            if call <= 2 { throw Boom() }
            return .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        #expect(await failuresSeen.next() == 0)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))                 // first retry after 1 s
        #expect(await failuresSeen.next() == 1)
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(1))
        #expect(controller.queue.count == 0)           // the second retry waits 2 s
        clock.advance(by: .seconds(1))
        #expect(await failuresSeen.next() == 2)
        controller.shutDown()
        await run.value

        #expect(controller.queue.numRequeues(a) == 0)  // forgotten after the success
        let text = metrics.exposition()
        #expect(text.contains(#"controller_runtime_reconcile_errors_total{controller="widgets"} 2"#))
        #expect(text.contains(#"controller_runtime_reconcile_total{controller="widgets",result="error"} 2"#))
        #expect(text.contains(#"controller_runtime_reconcile_total{controller="widgets",result="success"} 1"#))
        #expect(text.contains(#"workqueue_retries_total{controller="widgets",name="widgets"} 2"#))
        #expect(text.contains(#"workqueue_adds_total{controller="widgets",name="widgets"} 3"#))
    }

    @Test func terminalErrorsAreCountedAndNotRetried() async throws {
        let started = Probe<ObjectKey>()
        let controller = try makeController(workers: 1) { key, _ in
            started.record(key)
            if key.name == "a" { throw TerminalError(message: "spec.size must be positive") }
            return .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        controller.enqueue(b)
        #expect(await started.next() == a)
        #expect(await started.next() == b)   // one worker: a's outcome is handled by now
        #expect(controller.queue.delayedCount == 0)
        #expect(controller.queue.numRequeues(a) == 0)
        controller.shutDown()
        await run.value

        #expect(started.values == [a, b])
        let text = metrics.exposition()
        #expect(text.contains(#"controller_runtime_terminal_reconcile_errors_total{controller="widgets"} 1"#))
        #expect(text.contains(#"controller_runtime_reconcile_errors_total{controller="widgets"} 1"#))
        #expect(text.contains(#"controller_runtime_max_concurrent_reconciles{controller="widgets"} 1"#))
        #expect(text.contains(#"controller_runtime_active_workers{controller="widgets"} 0"#))
        #expect(text.contains(#"controller_runtime_reconcile_time_seconds_count{controller="widgets"} 2"#))
    }

    @Test func everyReconcileLogLineCarriesControllerKeyAndReconcileID() async throws {
        let logs = CapturedLogs()
        let ids = Probe<String>()
        let controller = try makeController(logger: logs) { _, context in
            context.logger.info("working")
            ids.record(context.reconcileID)
            return .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        let id = await ids.next()
        controller.shutDown()
        await run.value

        let lines = logs.all.filter { $0.metadata["reconcileID"] == id }
        #expect(lines.map(\.message).contains("working"))
        #expect(lines.map(\.message).contains("reconcile succeeded"))
        for line in lines {
            #expect(line.metadata["controller"] == "widgets")
            #expect(line.metadata["namespace"] == "demo")
            #expect(line.metadata["name"] == "a")
        }
        #expect(!id.isEmpty)
    }

    @Test func shutDownFinishesInFlightReconcilesAndSkipsTheBacklog() async throws {
        let gate = Gate()
        let started = Probe<ObjectKey>()
        let finished = Probe<ObjectKey>()
        let controller = try makeController(workers: 1) { key, _ in
            started.record(key)
            await gate.wait()
            finished.record(key)
            return .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        #expect(await started.next() == a)
        controller.enqueue(b)
        controller.enqueue(c)
        controller.shutDown()
        gate.open()
        await run.value
        #expect(finished.values == [a])
        #expect(started.values == [a])
    }

    @Test func cancellingTheRunCancelsReconcilesInFlight() async throws {
        let started = Probe<ObjectKey>()
        let cancelled = Probe<Bool>()
        let controller = try makeController { key, _ in
            started.record(key)
            do { try await waitForCancellation() } catch { cancelled.record(true) }
            return .done
        }
        let run = Task { await controller.run() }
        controller.enqueue(a)
        #expect(await started.next() == a)
        run.cancel()
        await run.value
        #expect(cancelled.values == [true])
        #expect(controller.queue.isShuttingDown)
    }
}
