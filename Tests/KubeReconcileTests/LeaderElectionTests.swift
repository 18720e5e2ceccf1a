import Foundation
import JSON
import KubeClient
import KubeQueue
@testable import KubeReconcile
import KubeTestServer
import Testing

/// Leader election between electors sharing one manual clock, against the test API server.
@Suite(.timeLimit(.minutes(1)))
struct LeaderElectionTests {
    typealias Event = LeaderElector.ElectorEvent
    let clock = ManualClock()
    let metrics = OperatorMetrics()
    static let epoch = 1_795_000_000.0

    func makeElector(_ client: KubeClient, _ identity: String, releaseOnCancel: Bool = true) throws -> (LeaderElector, Probe<Event>) {
        let clock = self.clock
        let config = LeaderElectionConfiguration(leaseName: "kai-operator-leader", namespace: "kai-system", identity: identity,
                                                 jitterFactor: 0, releaseOnCancel: releaseOnCancel)
        // Wall time follows the manual clock, with a fraction so MicroTime formatting shows.
        let elector = try LeaderElector(client: client, configuration: config, metrics: metrics, clock: clock,
                                        now: { Date(timeIntervalSince1970: Self.epoch + 0.123456 + clock.now.offset.seconds) },
                                        logger: quietLogger)
        let events = Probe<Event>()
        elector.observe { events.record($0) }
        return (elector, events)
    }

    func lease(_ server: KubeTestServer) async throws -> JSONValue? {
        try await server.object(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "kai-system", name: "kai-operator-leader")
    }

    func isMicroTime(_ value: JSONValue?) -> Bool {
        guard let text = value?.stringValue else { return false }
        return text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil
    }

    @Test func aStandbyTakesOverOnlyAfterTheLeaseExpires() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "kai-system")
            let (a, _) = try makeElector(client, "replica-a", releaseOnCancel: false)
            let (b, bEvents) = try makeElector(client, "replica-b")
            let aLeads = Probe<Bool>()
            let aTask = Task { try await a.run(whileLeading: { aLeads.record(true); try await waitForCancellation() }) }
            #expect(await aLeads.next())
            #expect(a.isLeader)

            let bLeads = Probe<Bool>()
            let bTask = Task { try await b.run(whileLeading: { bLeads.record(true); try await waitForCancellation() }) }
            #expect(await bEvents.next() == .attempted(succeeded: false))
            #expect(b.status == .standby)
            #expect(b.observedHolder == "replica-a")
            #expect(b.isHealthy)   // a standby that reaches the API server is ready

            // Replica A dies without releasing the lease: it just stops renewing.
            aTask.cancel()
            _ = try? await aTask.value
            for second in stride(from: 2, through: 14, by: 2) {
                await clock.waitForSleepers(count: 1)
                clock.advance(by: .seconds(2))
                #expect(await bEvents.next() == .attempted(succeeded: false), "at \(second)s the lease has not expired")
            }
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))   // 16 s after B first saw the lease unchanged: expired
            #expect(await bEvents.next() == .attempted(succeeded: true))
            #expect(await bLeads.next())
            #expect(b.isLeader)

            let stored = try #require(try await lease(server))
            #expect(stored[path: "spec", "holderIdentity"] == "replica-b")
            #expect(stored[path: "spec", "leaseTransitions"] == 1)
            #expect(stored[path: "spec", "leaseDurationSeconds"] == 15)
            #expect(isMicroTime(stored[path: "spec", "acquireTime"]))
            #expect(isMicroTime(stored[path: "spec", "renewTime"]))
            #expect(metrics.exposition().contains(#"leader_election_master_status{name="kai-operator-leader"} 1"#))
            bTask.cancel()
            _ = try? await bTask.value
        }
    }

    @Test func aReleasedLeaseIsTakenOverAtTheNextRetry() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "kai-system")
            let (a, aEvents) = try makeElector(client, "replica-a")
            let (b, bEvents) = try makeElector(client, "replica-b")
            let gate = Gate()
            let aLeads = Probe<Bool>()
            let aTask = Task { try await a.run(whileLeading: { aLeads.record(true); await gate.wait(); return "drained" }) }
            #expect(await aLeads.next())
            let bTask = Task { try await b.run(whileLeading: { try await waitForCancellation() }) }
            #expect(await bEvents.next() == .attempted(succeeded: false))

            // A shuts down gracefully: its work returns, then it releases the lease.
            gate.open()
            #expect(try await aTask.value == "drained")
            #expect(await aEvents.next(where: { $0 == .released }) == .released)
            #expect(a.status == .inactive)
            let released = try #require(try await lease(server))
            #expect(released[path: "spec", "holderIdentity"] == "")
            #expect(released[path: "spec", "leaseDurationSeconds"] == 1)

            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))   // B's next retry, far before the 15 s lease duration
            #expect(await bEvents.next() == .attempted(succeeded: true))
            #expect(await bEvents.next() == .startedLeading)
            let taken = try #require(try await lease(server))
            #expect(taken[path: "spec", "holderIdentity"] == "replica-b")
            #expect(taken[path: "spec", "leaseTransitions"] == 1)
            bTask.cancel()
            _ = try? await bTask.value
        }
    }

    @Test func aLeaderThatCannotRenewStopsItsWorkAtTheDeadline() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "kai-system")
            let (a, events) = try makeElector(client, "replica-a")
            let started = Probe<Bool>()
            let cancelled = Probe<Bool>()
            let task = Task {
                try await a.run(whileLeading: {
                    started.record(true)
                    do { try await waitForCancellation() } catch { cancelled.record(true) }
                })
            }
            #expect(await started.next())
            #expect(await events.next(where: { $0 == .startedLeading }) == .startedLeading)

            // A healthy renewal first.
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))
            #expect(await events.next() == .attempted(succeeded: true))

            // From now on every write of the lease fails: renewals at 4, 6, 8, 10 and 12 s fail,
            // and the renew deadline (10 s after the renewal started at 4 s) passes at 14 s.
            server.faults.failNext(100, withStatus: 500, verb: "update", pathContains: "/leases/")
            for _ in 0..<5 {
                await clock.waitForSleepers(count: 1)
                clock.advance(by: .seconds(2))
                #expect(await events.next() == .attempted(succeeded: false))
                #expect(a.isLeader)
                #expect(cancelled.values.isEmpty)
            }
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(2))
            await #expect(throws: LeaderElectionError.leadershipLost(lease: "kai-operator-leader", identity: "replica-a")) {
                try await task.value
            }
            #expect(cancelled.values == [true])
            #expect(a.status == .inactive)
            #expect(await events.next() == .stoppedLeading)
            #expect(metrics.exposition().contains(#"leader_election_master_status{name="kai-operator-leader"} 0"#))
            server.faults.reset()
        }
    }

    @Test func twoCandidatesStartingTogetherElectOneLeader() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "kai-system")
            let (a, aEvents) = try makeElector(client, "replica-a")
            let (b, bEvents) = try makeElector(client, "replica-b")
            let aTask = Task { try await a.run(whileLeading: { try await waitForCancellation() }) }
            let bTask = Task { try await b.run(whileLeading: { try await waitForCancellation() }) }
            let first = await aEvents.next(where: { if case .attempted = $0 { return true } else { return false } })
            let second = await bEvents.next(where: { if case .attempted = $0 { return true } else { return false } })
            // Exactly one create wins; the other gets AlreadyExists or sees a held lease.
            #expect([first, second].filter { $0 == .attempted(succeeded: true) }.count == 1)
            let leader = first == .attempted(succeeded: true) ? a : b
            let standby = leader === a ? b : a
            #expect(leader.isLeader)
            #expect(standby.status == .standby)
            let stored = try #require(try await lease(server))
            #expect(stored[path: "spec", "holderIdentity"]?.stringValue == leader.configuration.identity)
            aTask.cancel()
            bTask.cancel()
            _ = try? await aTask.value
            _ = try? await bTask.value
        }
    }

    @Test func probesReflectTheElectionAndCustomChecks() async throws {
        let client = try makeClient(try KubeTestServer(options: .init(tls: false, logger: quietLogger)))
        let (elector, _) = try makeElector(client, "replica-a")
        let probes = HealthProbes(leaderElector: elector)
        #expect(probes.readiness().checks.first { $0.name == "leader-election" }?.failure == "not taking part in leader election")

        // A leader whose last renewal is older than the lease duration plus the health timeout is wedged.
        elector.state.withLock { state in
            state.status = .leading
            state.observedTime = clock.now.offset
        }
        #expect(probes.liveness().isHealthy)
        clock.advance(by: .seconds(35))
        #expect(probes.liveness().isHealthy)
        clock.advance(by: .seconds(1))
        #expect(!probes.liveness().isHealthy)
        #expect(probes.liveness().text(probe: "healthz").contains("[-]leader-election failed: failed to renew leadership on lease kai-operator-leader"))

        // A standby is ready while it hears from the API server.
        elector.state.withLock { state in
            state.status = .standby
            state.lastContact = clock.now.offset
        }
        probes.addReadinessCheck("webhook") { "not listening" }
        let report = probes.readiness()
        #expect(report.checks.first { $0.name == "leader-election" }?.failure == nil)
        #expect(report.checks.first { $0.name == "webhook" }?.failure == "not listening")
        clock.advance(by: .seconds(16))
        #expect(probes.readiness().checks.first { $0.name == "leader-election" }?.failure != nil)

        probes.addLivenessCheck("event-loop") { "stuck" }
        #expect(probes.liveness().checks.last == ProbeReport.Check(name: "event-loop", failure: "stuck"))
    }
}
