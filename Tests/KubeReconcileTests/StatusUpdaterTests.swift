import Foundation
import JSON
import KubeClient
import KubeQueue
import KubeReconcile
import KubeTestServer
import Synchronization
import Testing

/// Status writes: only the changed fields, guarded by resourceVersion, retried on conflict.
@Suite(.timeLimit(.minutes(1)))
struct StatusUpdaterTests {
    @Test func aConflictRereadsAndAppliesTheChangeToTheFreshObject() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            try await server.installCRD(gadgetCRD)
            let created = try await server.create(gadget("g1"))
            // Another writer sets a status field after our copy was read.
            _ = try await client.patch(gadgetType, name: "g1", namespace: "demo", .merge(["status": ["phase": "Warming"]]),
                                       subresource: "status")

            let calls = Mutex(0)
            let clock = ManualClock()
            let task = Task {
                try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client, current: created,
                                               clock: clock) { status, object in
                    calls.withLock { $0 += 1 }
                    status["observedGeneration"] = object[path: "metadata", "generation"] ?? .int(0)
                    status["ready"] = true
                }
            }
            await clock.waitForSleepers(count: 1)   // the backoff after the 409
            clock.advance(by: .milliseconds(10))
            let written = try await task.value
            #expect(calls.withLock { $0 } == 2)
            #expect(written["status"] == ["phase": "Warming", "observedGeneration": 1, "ready": true])
        }
    }

    @Test func nothingIsWrittenWhenNothingChanged() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            try await server.installCRD(gadgetCRD)
            _ = try await server.create(gadget("g1"))
            let first = try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client) { status, _ in
                status["ready"] = true
            }
            let second = try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client, current: first) { status, _ in
                status["ready"] = true
            }
            #expect(second[path: "metadata", "resourceVersion"] == first[path: "metadata", "resourceVersion"])
        }
    }

    @Test func removedStatusFieldsAreDeleted() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            try await server.installCRD(gadgetCRD)
            _ = try await server.create(gadget("g1"))
            let first = try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client) { status, _ in
                status["error"] = "kernel API unreachable"
                status["ready"] = false
            }
            let second = try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client, current: first) { status, _ in
                status["error"] = nil
                status["ready"] = true
            }
            #expect(second["status"] == ["ready": true])
        }
    }

    @Test func conflictsEndAfterMaxAttempts() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            try await server.installCRD(gadgetCRD)
            let created = try await server.create(gadget("g1"))
            server.faults.failNext(5, withStatus: 409, verb: "patch", pathContains: "/status")
            do {
                try await StatusUpdater.update(gadgetType, name: "g1", namespace: "demo", client: client, current: created,
                                               maxAttempts: 1) { status, _ in status["ready"] = true }
                Issue.record("expected a conflict")
            } catch let error as KubeError {
                #expect(error.isConflict)
            }
            server.faults.reset()
        }
    }

    struct Gadget: KubernetesResource {
        static let resource = gadgetType
        var apiVersion = "demo.example.com/v1"
        var kind = "Gadget"
        var metadata: ObjectMeta
        var status: Status?

        struct Status: Codable, Sendable {
            var observedGeneration: Int64?
            var conditions: [Condition]?
        }
    }

    @Test func typedObjectsWriteOnlyTheirStatusChanges() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            try await server.installCRD(gadgetCRD)
            _ = try await server.create(gadget("g1"))
            _ = try await client.patch(gadgetType, name: "g1", namespace: "demo", .merge(["status": ["phase": "Warming"]]),
                                       subresource: "status")
            let current = try await client.get(Gadget.self, name: "g1", namespace: "demo")
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let written = try await StatusUpdater.update(current, client: client) { gadget in
                var conditions = gadget.status?.conditions ?? []
                conditions.set("Ready", status: .true, reason: "Reconciled", message: "ok",
                               observedGeneration: gadget.metadata.generation, now: now)
                gadget.status = Gadget.Status(observedGeneration: gadget.metadata.generation, conditions: conditions)
            }
            #expect(written.status?.conditions?.isTrue("Ready") == true)
            #expect(written.status?.observedGeneration == 1)
            // `phase` is not part of the type: it is left as the other writer set it.
            let raw = try await client.get(gadgetType, name: "g1", namespace: "demo")
            #expect(raw[path: "status", "phase"] == "Warming")
            #expect(raw[path: "status", "observedGeneration"] == 1)
        }
    }
}
