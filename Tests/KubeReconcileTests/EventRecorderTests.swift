import Foundation
import JSON
import KubeClient
import KubeQueue
@testable import KubeReconcile
import KubeTestServer
import Testing

/// `events.k8s.io/v1` events: names, MicroTime, series aggregation and the per-object rate limit.
@Suite(.timeLimit(.minutes(1)))
struct EventRecorderTests {
    typealias Event = EventRecorder.RecorderEvent
    let clock = ManualClock()
    static let epoch = 1_795_000_000.5
    let regarding = ObjectReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", namespace: "demo", name: "c1", uid: "uid-c1")

    func makeRecorder(_ client: KubeClient, burst: Int = 25, refill: Duration = .seconds(300)) throws -> (EventRecorder, Probe<Event>, Task<Void, Never>) {
        let clock = self.clock
        let recorder = try EventRecorder(
            client: client,
            configuration: EventRecorderConfiguration(reportingInstance: "kai-operator-7d9f5-x1", burst: burst, refillInterval: refill),
            clock: clock, now: { Date(timeIntervalSince1970: Self.epoch + clock.now.offset.seconds) }, logger: quietLogger)
        let events = Probe<Event>()
        recorder.observe { events.record($0) }
        return (recorder, events, Task { await recorder.run() })
    }

    func storedEvents(_ server: KubeTestServer, namespace: String = "demo") async throws -> [JSONValue] {
        try await server.objects(apiVersion: "events.k8s.io/v1", kind: "Event", namespace: namespace)
    }

    @Test func anEventIsNamedAfterItsObjectWithHexNanosecondsAndMicroTime() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let (recorder, _, task) = try makeRecorder(client)
            defer { task.cancel() }
            recorder.record(.warning, regarding: regarding, reason: "KernelCreateFailed", action: "CreateKernel",
                            note: "kernel API answered 503")
            recorder.record(.normal, regarding: regarding, reason: "KernelCreated", action: "CreateKernel", note: "kernel k-1")
            await recorder.waitUntilIdle()

            let stored = try await storedEvents(server).sorted { ($0[path: "metadata", "name"]?.stringValue ?? "") < ($1[path: "metadata", "name"]?.stringValue ?? "") }
            #expect(stored.count == 2)
            let nanoseconds = UInt64(Self.epoch * 1_000_000_000)
            #expect(stored.first?[path: "metadata", "name"]?.stringValue == "c1." + String(nanoseconds, radix: 16))
            // Two events in the same instant still get distinct names.
            #expect(stored.last?[path: "metadata", "name"]?.stringValue == "c1." + String(nanoseconds + 1, radix: 16))
            let event = try #require(stored.first)
            #expect(event["eventTime"] == "2026-11-18T11:06:40.500000Z")
            #expect(event["reportingController"] == "kai.dev/kai-operator")
            #expect(event["reportingInstance"] == "kai-operator-7d9f5-x1")
            #expect(event["type"] == "Warning")
            #expect(event["reason"] == "KernelCreateFailed")
            #expect(event["action"] == "CreateKernel")
            #expect(event["note"] == "kernel API answered 503")
            #expect(event[path: "regarding", "kind"] == "Channel")
            #expect(event[path: "regarding", "uid"] == "uid-c1")
        }
    }

    @Test func eventsAboutClusterScopedObjectsGoToTheDefaultNamespace() async throws {
        try await withAPIServer { server, client in
            let (recorder, _, task) = try makeRecorder(client)
            defer { task.cancel() }
            let session = ObjectReference(apiVersion: "kai.dev/v1alpha1", kind: "DevSession", name: "s1", uid: "uid-s1")
            recorder.record(.normal, regarding: session, reason: "NamespaceCreated", action: "Provision",
                            note: String(repeating: "é", count: 600))
            await recorder.waitUntilIdle()
            let stored = try await storedEvents(server, namespace: "default")
            #expect(stored.count == 1)
            // Notes are cut to the API's 1 KiB limit at a character boundary.
            #expect(stored.first?["note"]?.stringValue?.utf8.count == 1024)
        }
    }

    @Test func repeatsBecomeASeriesInsteadOfNewEvents() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let (recorder, events, task) = try makeRecorder(client)
            defer { task.cancel() }
            for _ in 0..<5 {
                recorder.record(.warning, regarding: regarding, reason: "KernelCreateFailed", action: "CreateKernel", note: "503")
            }
            await recorder.waitUntilIdle()
            #expect(events.values.count == 2)
            #expect(await events.next() == .created(name: "c1." + String(UInt64(Self.epoch * 1_000_000_000), radix: 16)))
            guard case .seriesUpdated(_, 2) = await events.next() else { Issue.record("the first repeat makes a series"); return }
            var stored = try await storedEvents(server)
            #expect(stored.count == 1)
            #expect(stored.first?[path: "series", "count"] == 2)
            #expect(stored.first?[path: "series", "lastObservedTime"]?.stringValue?.hasSuffix(".500000Z") == true)

            // The pending count goes out with the next flush: the periodic one here.
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(30))
            guard case .seriesUpdated(_, 5) = await events.next() else { Issue.record("the flush writes the count"); return }
            #expect(await events.next() == .flushed)
            stored = try await storedEvents(server)
            #expect(stored.count == 1)
            #expect(stored.first?[path: "series", "count"] == 5)
            #expect(stored.first?[path: "series", "lastObservedTime"] == "2026-11-18T11:06:40.500000Z")

            // Long after the last repeat the series is over: the next one is a new Event.
            await clock.waitForSleepers(count: 1)   // the next periodic flush
            clock.advance(by: .seconds(400))
            #expect(await events.next() == .flushed)
            recorder.record(.warning, regarding: regarding, reason: "KernelCreateFailed", action: "CreateKernel", note: "503")
            await recorder.waitUntilIdle()
            guard case .created = await events.next() else { Issue.record("a new event after the series expired"); return }
            #expect(try await storedEvents(server).count == 2)
        }
    }

    @Test func aNoisyObjectIsRateLimitedWithoutSilencingOthers() async throws {
        try await withAPIServer { server, client in
            try await createNamespace(server, "demo")
            let (recorder, events, task) = try makeRecorder(client, burst: 3, refill: .seconds(60))
            defer { task.cancel() }
            for attempt in 0..<5 {
                recorder.record(.warning, regarding: regarding, reason: "Failed\(attempt)", action: "Reconcile", note: "crash loop")
            }
            let other = ObjectReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", namespace: "demo", name: "c2", uid: "uid-c2")
            recorder.record(.normal, regarding: other, reason: "Ready", action: "Reconcile", note: "ok")
            await recorder.waitUntilIdle()
            let outcomes = events.values
            #expect(outcomes.filter { if case .created = $0 { return true } else { return false } }.count == 4)
            #expect(outcomes.filter { $0 == .dropped(reason: "rate limited") }.count == 2)
            #expect(try await storedEvents(server).count == 4)

            // A token comes back after the refill interval.
            await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(60))
            recorder.record(.warning, regarding: regarding, reason: "Failed5", action: "Reconcile", note: "crash loop")
            recorder.record(.warning, regarding: regarding, reason: "Failed6", action: "Reconcile", note: "crash loop")
            await recorder.waitUntilIdle()
            #expect(try await storedEvents(server).count == 5)
        }
    }

    @Test func eventsAboutDifferentObjectsAreWrittenConcurrentlyAndOneObjectsInOrder() async throws {
        try await withAPIServer { server, _ in
            try await createNamespace(server, "demo")
            let transport = try HeldEventWrites()
            let client = try KubeClient(configuration: ClientConfiguration(server: server.url, credentials: .bearerToken("admin-token")),
                                        transport: transport, logger: quietLogger)
            let (recorder, _, task) = try makeRecorder(client)
            defer { task.cancel() }
            func about(_ name: String) -> ObjectReference {
                ObjectReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", namespace: "demo", name: name, uid: "uid-" + name)
            }
            recorder.record(.normal, regarding: about("a"), reason: "KernelCreating", action: "CreateKernel", note: "first")
            recorder.record(.normal, regarding: about("a"), reason: "KernelCreated", action: "CreateKernel", note: "second")
            recorder.record(.normal, regarding: about("b"), reason: "KernelCreated", action: "CreateKernel", note: "b")
            recorder.record(.normal, regarding: about("c"), reason: "KernelCreated", action: "CreateKernel", note: "c")
            // b and c do not wait behind a's first write; a's second write does.
            for _ in 0..<2000 where transport.inFlight.count < 3 { await Task.yield() }
            #expect(transport.inFlight.sorted() == ["a", "b", "c"])
            for _ in 0..<200 { await Task.yield() }
            #expect(transport.inFlight.sorted() == ["a", "b", "c"], "a's second Event must wait for its first")
            transport.release()
            await recorder.waitUntilIdle()
            let stored = try await storedEvents(server)
            #expect(stored.count == 4)
            let notesOfA = stored.filter { $0[path: "regarding", "name"] == "a" }
                .sorted { ($0[path: "metadata", "name"]?.stringValue ?? "") < ($1[path: "metadata", "name"]?.stringValue ?? "") }
                .compactMap { $0["note"]?.stringValue }
            #expect(notesOfA == ["first", "second"])
        }
    }

    @Test func concurrentWritesBelowOneAreRefused() {
        #expect(throws: ReconcileConfigurationError.self) {
            try EventRecorderConfiguration(reportingInstance: "x", maxConcurrentWrites: 0).validate()
        }
    }
}
