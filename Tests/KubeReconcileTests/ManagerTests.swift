import Foundation
import JSON
import KubeCache
import KubeClient
import KubeQueue
@testable import KubeReconcile
import KubeTestServer
import Testing

/// The manager: endpoints, cache sync, leader election, graceful shutdown.
@Suite(.timeLimit(.minutes(1)))
struct ManagerTests {
    let clock = ManualClock()
    let loopback = ListenAddress(host: "127.0.0.1", port: 0)
    let key = ObjectKey(namespace: "demo", name: "a")

    func makeController(_ metrics: OperatorMetrics = OperatorMetrics(),
                        _ body: @escaping @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult) throws -> Controller {
        try Controller(name: "configmaps", reconciler: ReconcilerFunction(body),
                       options: ControllerOptions(maxConcurrentReconciles: 2, unfinishedWorkSamplingPeriod: .zero),
                       metrics: metrics, clock: clock, logger: quietLogger)
    }

    func options(endpoints: Bool = false, timeout: Duration = .seconds(30)) -> ManagerOptions {
        ManagerOptions(metricsBindAddress: endpoints ? loopback : nil, healthProbeBindAddress: endpoints ? loopback : nil,
                       gracefulShutdownTimeout: timeout)
    }

    @Test func metricsAndProbesAreServedWithControllerRuntimeNames() async throws {
        let metrics = OperatorMetrics()
        try await withAPIServer(observer: metrics.restClientObserver) { server, client in
            try await createNamespace(server, "demo")
            try await createNamespace(server, "kai-system")
            let informer = try Informer(client: client, resource: .configMaps, namespace: "demo", logger: quietLogger)
            let keys = Probe<ObjectKey>()
            let controller = try makeController(metrics) { key, _ in
                keys.record(key)
                return .done
            }
            controller.watch(informer)
            let elector = try LeaderElector(client: client,
                                            configuration: LeaderElectionConfiguration(leaseName: "kai-operator-leader", namespace: "kai-system",
                                                                                       identity: "replica-a", jitterFactor: 0),
                                            metrics: metrics, clock: clock, logger: quietLogger)
            let manager = Manager(options: options(endpoints: true), leaderElector: elector, metrics: metrics, clock: clock, logger: quietLogger)
            manager.add(controller)
            let run = Task { try await manager.run() }

            try await server.create(configMap("a"))
            #expect(await keys.next() == key)   // caches synced, lease acquired, controller running

            let metricsPort = try #require(manager.metricsPort)
            let scrape = try await TestHTTP.get(port: metricsPort, "/metrics")
            #expect(scrape.status == 200)
            #expect(scrape.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            for name in ["controller_runtime_reconcile_total", "controller_runtime_reconcile_errors_total",
                         "controller_runtime_terminal_reconcile_errors_total", "controller_runtime_reconcile_time_seconds_bucket",
                         "controller_runtime_max_concurrent_reconciles", "controller_runtime_active_workers", "workqueue_depth",
                         "workqueue_adds_total", "workqueue_queue_duration_seconds_bucket", "workqueue_work_duration_seconds_bucket",
                         "workqueue_unfinished_work_seconds", "workqueue_longest_running_processor_seconds", "workqueue_retries_total",
                         "rest_client_requests_total", "leader_election_master_status"] {
                #expect(scrape.text.contains("\n\(name){"), "\(name) is exported")
            }
            #expect(scrape.text.contains(#"controller_runtime_reconcile_total{controller="configmaps",result="success"}"#))
            #expect(scrape.text.contains(#"rest_client_requests_total{code="200",method="GET",host="127.0.0.1:\#(server.port)"}"#))
            #expect(scrape.text.contains(#"leader_election_master_status{name="kai-operator-leader"} 1"#))
            #expect(scrape.text.contains(#"controller_runtime_max_concurrent_reconciles{controller="configmaps"} 2"#))

            let probePort = try #require(manager.healthProbePort)
            let ready = try await TestHTTP.get(port: probePort, "/readyz")
            #expect(ready.status == 200)
            #expect(ready.text == "ok")
            let live = try await TestHTTP.get(port: probePort, "/healthz")
            #expect(live.status == 200)

            manager.shutDown()
            try await run.value
            // The lease was released on the way out, so a standby takes over at once.
            let lease = try await server.object(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "kai-system",
                                                name: "kai-operator-leader")
            #expect(lease?[path: "spec", "holderIdentity"] == "")
        }
    }

    @Test func readinessWaitsForTheCachesAndLivenessDoesNot() async throws {
        let cache = StubCache()
        let reconciled = Probe<ObjectKey>()
        let controller = try makeController { key, _ in
            reconciled.record(key)
            return .done
        }
        controller.enqueue(key)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: loopback),
                              clock: clock, logger: quietLogger)
        manager.add(cache: cache)
        manager.add(controller)
        let run = Task { try await manager.run() }
        #expect(await cache.started.next())   // endpoints are up before caches start

        let port = try #require(manager.healthProbePort)
        let notReady = try await TestHTTP.get(port: port, "/readyz")
        #expect(notReady.status == 500)
        #expect(notReady.text.contains("[-]informer-sync failed: caches have not synced yet"))
        #expect(notReady.text.contains("[+]shutdown ok"))
        #expect(try await TestHTTP.get(port: port, "/healthz").status == 200)

        cache.markSynced()
        #expect(await reconciled.next() == key)   // controllers start only after the sync
        let ready = try await TestHTTP.get(port: port, "/readyz")
        #expect(ready.status == 200)

        manager.shutDown()
        #expect(!manager.probes.readiness().isHealthy)
        #expect(manager.probes.readiness().text(probe: "readyz").contains("[-]shutdown failed: shutting down"))
        try await run.value
    }

    @Test func aCacheThatNeverSyncsFailsTheManagerAfterTheTimeout() async throws {
        let cache = StubCache()
        let manager = Manager(options: options(), clock: clock, logger: quietLogger)
        manager.add(cache: cache)
        let run = Task { try await manager.run() }
        #expect(await cache.started.next())
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(120))
        await #expect(throws: ManagerError.cacheSyncTimeout(unsynced: ["stub widgets in namespace demo"], timeout: .seconds(120))) {
            try await run.value
        }
    }

    @Test func gracefulShutdownLetsReconcilesInFlightFinish() async throws {
        let gate = Gate()
        let started = Probe<ObjectKey>()
        let finished = Probe<ObjectKey>()
        let controller = try makeController { key, _ in
            started.record(key)
            await gate.wait()
            finished.record(key)
            return .done
        }
        controller.enqueue(key)
        let manager = Manager(options: options(), clock: clock, logger: quietLogger)
        manager.add(controller)
        let run = Task { try await manager.run() }
        #expect(await started.next() == key)
        manager.shutDown()
        controller.enqueue(ObjectKey(namespace: "demo", name: "late"))   // refused: shutting down
        gate.open()
        try await run.value
        #expect(finished.values == [key])
        #expect(started.values == [key])
    }

    @Test func reconcilesStillRunningAtTheShutdownDeadlineAreCancelled() async throws {
        let started = Probe<ObjectKey>()
        let cancelled = Probe<ObjectKey>()
        let controller = try makeController { key, _ in
            started.record(key)
            do { try await waitForCancellation() } catch { cancelled.record(key) }
            return .done
        }
        controller.enqueue(key)
        let manager = Manager(options: options(timeout: .seconds(30)), clock: clock, logger: quietLogger)
        manager.add(controller)
        let run = Task { try await manager.run() }
        #expect(await started.next() == key)
        manager.shutDown()
        await clock.waitForSleepers(count: 1)   // the shutdown deadline
        clock.advance(by: .seconds(29))
        #expect(cancelled.values.isEmpty)
        clock.advance(by: .seconds(1))
        try await run.value
        #expect(cancelled.values == [key])
    }

    @Test func theServiceGroupsGracefulShutdownDrainsWhileProbesStayUp() async throws {
        let gate = Gate()
        let started = Probe<ObjectKey>()
        let finished = Probe<ObjectKey>()
        let controller = try makeController { key, _ in
            started.record(key)
            await gate.wait()
            finished.record(key)
            return .done
        }
        controller.enqueue(key)
        let manager = Manager(options: ManagerOptions(metricsBindAddress: nil, healthProbeBindAddress: loopback),
                              clock: clock, logger: quietLogger)
        manager.add(controller)
        let group = manager.serviceGroup(handlingSignals: false)
        let run = Task { try await group.run() }
        #expect(await started.next() == key)
        await group.triggerGracefulShutdown()
        #expect(await manager.shutdownSignal.wait())   // the group delivers the trigger asynchronously
        // Draining: not ready any more, but alive and still answering.
        let port = try #require(manager.healthProbePort)
        #expect(try await TestHTTP.get(port: port, "/readyz").status == 500)
        #expect(try await TestHTTP.get(port: port, "/healthz").status == 200)
        gate.open()
        try await run.value
        #expect(finished.values == [key])
    }

    @Test func losingTheLeaseCancelsTheControllersAndFailsTheManager() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "kai-system")
            let elector = try LeaderElector(client: client,
                                            configuration: LeaderElectionConfiguration(leaseName: "kai-operator-leader", namespace: "kai-system",
                                                                                       identity: "replica-a", jitterFactor: 0),
                                            clock: clock, logger: quietLogger)
            let events = Probe<LeaderElector.ElectorEvent>()
            elector.observe { events.record($0) }
            let started = Probe<ObjectKey>()
            let cancelled = Probe<ObjectKey>()
            let controller = try makeController { key, _ in
                started.record(key)
                do { try await waitForCancellation() } catch { cancelled.record(key) }
                return .done
            }
            controller.enqueue(key)
            let manager = Manager(options: options(), leaderElector: elector, clock: clock, logger: quietLogger)
            manager.add(controller)
            let run = Task { try await manager.run() }
            #expect(await started.next() == key)
            #expect(await events.next(where: { $0 == .startedLeading }) == .startedLeading)

            server.faults.failNext(100, withStatus: 503, verb: "update", pathContains: "/leases/")
            for _ in 0..<5 {
                await clock.waitForSleepers(count: 1)
                clock.advance(by: .seconds(2))
                #expect(await events.next(where: { if case .attempted = $0 { return true } else { return false } }) == .attempted(succeeded: false))
            }
            #expect(cancelled.values.isEmpty)
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))
            await #expect(throws: LeaderElectionError.leadershipLost(lease: "kai-operator-leader", identity: "replica-a")) {
                try await run.value
            }
            #expect(cancelled.values == [key])
            server.faults.reset()
        }
    }

    @Test func eventsRecordedByTheLastReconcilesAreWrittenBeforeTheManagerStops() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let recorder = try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "pod-1"),
                                             clock: clock, logger: quietLogger)
            let reconciled = Probe<ObjectKey>()
            let controller = try makeController { key, _ in
                recorder.record(.normal, regarding: ObjectReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel",
                                                                    namespace: key.namespace, name: key.name),
                                reason: "KernelReleased", action: "Finalize", note: "released")
                reconciled.record(key)
                return .done
            }
            controller.enqueue(key)
            let manager = Manager(options: options(), clock: clock, logger: quietLogger)
            manager.add(controller)
            manager.add(recorder)
            let run = Task { try await manager.run() }
            #expect(await reconciled.next() == key)
            manager.shutDown()
            try await run.value
            let events = try await server.objects(apiVersion: "events.k8s.io/v1", kind: "Event", namespace: "demo")
            #expect(events.map { $0["reason"] } == ["KernelReleased"])
        }
    }

    @Test func swiftMetricsReportIntoTheSameRegistry() {
        let metrics = OperatorMetrics()
        let counter = metrics.metricsFactory.makeCounter(label: "kai_kernel_requests_total", dimensions: [("code", "200")])
        counter.increment(by: 2)
        #expect(metrics.exposition().contains(#"kai_kernel_requests_total{code="200"} 2"#))
    }
}
