import Foundation
import JSON
import KaiAPI
import KubeCache
public import KubeClient
import KubeReconcile
public import Logging
import Synchronization

/// The DevSession performance benchmark: many DevSessions applied at once against a cluster
/// (the sandbox, with workload simulation), the controller running as `kai-operator run` does.
///
/// What it measures:
/// - **convergence**: from the first create until every DevSession is `Running`;
/// - **writes**: every request of the operator's client that is not a read (creates, patches,
///   deletes, Events), until convergence, then while every DevSession is reconciled once more
///   with nothing changed (must be zero: unchanged children are skipped by their rendered
///   hash), then during a quiet window (must be zero: no periodic writes).
///
/// ```swift
/// let result = try await DevSessionBenchmark.run(count: 200, configuration: try .load())
/// print(result)   // the target: 200 Running in under 60 s, 0 writes in steady state
/// ```
public enum DevSessionBenchmark {
    /// What one run measured.
    public struct Result: Sendable, CustomStringConvertible {
        public var sessions: Int
        /// From the first create until every DevSession is `Running`.
        public var convergence: Duration
        /// Operator writes until convergence.
        public var writesToConverge: Int
        /// Operator writes while every DevSession was reconciled again with nothing changed.
        public var resyncWrites: Int
        public var steadyStateWindow: Duration
        /// Operator writes during the quiet window.
        public var steadyStateWrites: Int

        public var description: String {
            let seconds = Double(convergence.components.seconds) + Double(convergence.components.attoseconds) / 1e18
            let perSession = sessions == 0 ? 0 : Double(writesToConverge) / Double(sessions)
            return """
                DevSession benchmark: \(sessions) sessions Running in \(String(format: "%.2f", seconds)) s \
                (\(writesToConverge) writes, \(String(format: "%.1f", perSession)) per session); \
                \(resyncWrites) writes on a full resync; \(steadyStateWrites) writes in \(steadyStateWindow) of steady state
                """
        }
    }

    /// The moments of a run a caller can take its own measurements at (server counters, CPU).
    public enum Phase: Sendable, Equatable {
        /// The operator runs and its caches are synced; the first DevSession is about to be created.
        case creating
        /// Every DevSession is `Running`.
        case converged
        /// The resync is done; the quiet window starts.
        case quietStarted
        /// The quiet window is over (clean-up, if any, comes next).
        case quietEnded
    }

    /// A benchmark that did not finish.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs the benchmark; the DevSessions it creates are labelled `kai.dev/benchmark=<run>` and
    /// deleted again at the end (their namespaces too) unless `cleanUp` is false.
    /// - Parameters:
    ///   - configuration: the cluster; its user needs the operator's permissions plus creating
    ///     and deleting DevSessions.
    ///   - steadyStateWindow: how long to count writes once converged (`.zero` skips the wait).
    ///   - timeout: the longest convergence (and clean-up) may take.
    ///   - observe: called at each ``Phase``, in order, before the run goes on.
    /// - Throws: ``Failure`` when the sessions do not all run within `timeout`; API errors.
    public static func run(count: Int = 200, configuration: ClientConfiguration, steadyStateWindow: Duration = .seconds(60),
                           timeout: Duration = .seconds(120), options: DevSessionOptions = DevSessionOptions(),
                           cleanUp: Bool = true, logger: Logger = Logger(label: "kai.devsession-benchmark"),
                           observe: @Sendable (Phase) async -> Void = { _ in }) async throws -> Result {
        let writes = Mutex(0)
        let client = try KubeClient(configuration: configuration, logger: logger, observer: { method, _, _ in
            if method != "GET" { writes.withLock { $0 += 1 } }
        })
        let admin = try KubeClient(configuration: configuration, logger: logger)
        let run = "bench-" + UUID().uuidString.prefix(8).lowercased()
        let selector = "kai.dev/benchmark=\(run)"

        // The operator, as `kai-operator run` wires it.
        let recorder = try EventRecorder(client: client, configuration: .init(reportingInstance: run), logger: logger)
        let controller = try DevSessionController.make(client: client, recorder: recorder, options: options, logger: logger)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: nil), logger: logger)
        manager.add(controller)
        manager.add(recorder)
        let operatorTask = Task { try await manager.run() }
        defer { operatorTask.cancel() }

        // Watches the benchmark's sessions and signals when the running count reaches a target.
        let progress = RunningCount()
        let sessions = try Informer(client: admin, DevSession.self, watch: .init(labelSelector: selector), logger: logger)
        sessions.addEventHandler(EventHandler(onAdd: { progress.update($0) }, onUpdate: { _, new in progress.update(new) },
                                              onDelete: { progress.remove($0) }))
        let watchTask = Task { await sessions.run() }
        defer { watchTask.cancel() }
        guard await sessions.waitForSync() else { throw Failure(description: "cancelled") }

        await observe(.creating)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                if index >= 16 { try await group.next() }
                group.addTask {
                    var session = DevSession(name: "\(run)-\(index)", spec: DevSessionSpec(
                        projectUUID: UUID().uuidString.lowercased(), projectID: Int64(index), userID: 1))
                    session.metadata.labels = ["kai.dev/benchmark": run]
                    _ = try await admin.create(session)
                }
            }
            try await group.waitForAll()
        }
        guard await progress.wait(running: count, timeout: timeout) else {
            throw Failure(description: "only \(progress.running) of \(count) DevSessions were Running after \(timeout)")
        }
        let convergence = clock.now - start
        let writesToConverge = writes.withLock { $0 }
        await observe(.converged)

        // A full resync with nothing changed.
        await settle(controller, recorder)
        let beforeResync = writes.withLock { $0 }
        for index in 0..<count { controller.enqueue(ObjectKey(name: "\(run)-\(index)")) }
        await settle(controller, recorder)
        let resyncWrites = writes.withLock { $0 } - beforeResync

        let beforeWindow = writes.withLock { $0 }
        await observe(.quietStarted)
        if steadyStateWindow > .zero { try await clock.sleep(for: steadyStateWindow) }
        let steadyStateWrites = writes.withLock { $0 } - beforeWindow
        await observe(.quietEnded)

        if cleanUp {
            for index in 0..<count { _ = try? await admin.delete(DevSession.self, name: "\(run)-\(index)") }
            guard await progress.wait(remaining: 0, timeout: timeout) else {
                throw Failure(description: "\(progress.remaining) DevSessions were still there \(timeout) after their deletion")
            }
        }
        await recorder.waitUntilIdle()
        manager.shutDown()
        _ = await operatorTask.result
        return Result(sessions: count, convergence: convergence, writesToConverge: writesToConverge, resyncWrites: resyncWrites,
                      steadyStateWindow: steadyStateWindow, steadyStateWrites: steadyStateWrites)
    }

    /// Waits until the controller has no key queued or in progress and every Event is written.
    static func settle(_ controller: Controller, _ recorder: EventRecorder) async {
        var idleRounds = 0
        while idleRounds < 3, !Task.isCancelled {
            await Task.yield()
            let idle = controller.queue.count == 0 && controller.queue.processingCount == 0
            idleRounds = idle ? idleRounds + 1 : 0
        }
        await recorder.waitUntilIdle()
    }

    /// How many of the benchmark's DevSessions exist and run, with waiters for targets.
    final class RunningCount: Sendable {
        typealias Condition = @Sendable (_ running: Set<String>, _ present: Set<String>) -> Bool

        struct Waiter {
            var id: UInt64
            var condition: Condition
            var continuation: CheckedContinuation<Bool, Never>
        }

        struct State {
            var running = Set<String>()
            var present = Set<String>()
            var nextID: UInt64 = 0
            var waiters: [Waiter] = []
        }

        let state = Mutex(State())

        var running: Int { state.withLock { $0.running.count } }
        var remaining: Int { state.withLock { $0.present.count } }

        func update(_ session: DevSession) {
            let name = session.metadata.name ?? ""
            change { state in
                state.present.insert(name)
                if session.status?.phase == .running { state.running.insert(name) } else { state.running.remove(name) }
            }
        }

        func remove(_ session: DevSession) {
            let name = session.metadata.name ?? ""
            change { state in
                state.present.remove(name)
                state.running.remove(name)
            }
        }

        /// Applies a change and wakes the waiters whose condition now holds.
        func change(_ body: (inout State) -> Void) {
            let ready = state.withLock { state -> [Waiter] in
                body(&state)
                let (running, present) = (state.running, state.present)
                let ready = state.waiters.filter { $0.condition(running, present) }
                state.waiters.removeAll { $0.condition(running, present) }
                return ready
            }
            for waiter in ready { waiter.continuation.resume(returning: true) }
        }

        func wait(running target: Int, timeout: Duration) async -> Bool {
            await wait(timeout: timeout) { running, _ in running.count >= target }
        }

        func wait(remaining target: Int, timeout: Duration) async -> Bool {
            await wait(timeout: timeout) { _, present in present.count <= target }
        }

        /// Waits for `condition`; false when `timeout` passes first.
        func wait(timeout: Duration, _ condition: @escaping Condition) async -> Bool {
            let id = state.withLock { state -> UInt64 in
                state.nextID += 1
                return state.nextID
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
            defer { timer.cancel() }
            return await withCheckedContinuation { continuation in
                let satisfied = state.withLock { state -> Bool in
                    if condition(state.running, state.present) { return true }
                    state.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                    return false
                }
                if satisfied { continuation.resume(returning: true) }
            }
        }

        /// Gives up on one waiter.
        func expire(_ id: UInt64) {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }
}
