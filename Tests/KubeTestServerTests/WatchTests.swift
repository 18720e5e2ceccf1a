import JSON
import Testing
@testable import KubeTestServer

@Suite("Watch streams")
struct WatchTests {
    private func next(_ iterator: inout AsyncThrowingStream<JSONValue, any Error>.AsyncIterator) async throws -> JSONValue? {
        try await iterator.next()
    }

    @Test("events after a list resourceVersion: ADDED, MODIFIED (also via /status), DELETED")
    func fromResourceVersion() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w1"))
            let rv = try await client.get(widgets).json[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            let (status, events) = try await client.watch("\(widgets)?watch=1&resourceVersion=\(rv)")
            #expect(status == 200)
            var it = events.makeAsyncIterator()
            _ = try await client.post(widgets, widget("w3"))
            _ = try await client.patch("\(widgets)/w3", ["spec": ["size": 4]])
            _ = try await client.patch("\(widgets)/w1/status", ["status": ["observedGeneration": 1]])
            _ = try await client.delete("\(widgets)/w3")
            let seen = [try await next(&it), try await next(&it), try await next(&it), try await next(&it)]
            #expect(seen.map { $0?["type"] } == ["ADDED", "MODIFIED", "MODIFIED", "DELETED"])
            #expect(seen.map { $0?[path: "object", "metadata", "name"] } == ["w3", "w3", "w1", "w3"])
            let deletedRV = Int(seen[3]?[path: "object", "metadata", "resourceVersion"]?.stringValue ?? "") ?? 0
            let modifiedRV = Int(seen[1]?[path: "object", "metadata", "resourceVersion"]?.stringValue ?? "") ?? 0
            #expect(deletedRV > modifiedRV)
        }
    }

    @Test("sendInitialEvents: synthetic ADDED, then the initial-events-end bookmark; requires NotOlderThan")
    func initialEvents() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w1"))
            _ = try await client.post(widgets, widget("w2"))
            let (_, events) = try await client.watch("\(widgets)?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
            var it = events.makeAsyncIterator()
            let a = try await next(&it), b = try await next(&it), bookmark = try await next(&it)
            #expect([a?["type"], b?["type"]] == ["ADDED", "ADDED"])
            #expect(bookmark?["type"] == "BOOKMARK")
            #expect(bookmark?[path: "object", "metadata", "annotations"] == ["k8s.io/initial-events-end": "true"])
            #expect(bookmark?[path: "object", "kind"] == "Widget")
            let rejected = try await client.get("\(widgets)?watch=1&sendInitialEvents=true&allowWatchBookmarks=true")
            #expect(rejected.status == 422)
            #expect(rejected.json["message"] == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")
        }
    }

    @Test("a compacted resourceVersion gives one ERROR event with 410 Expired, then the stream ends")
    func tooOld() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w1"))
            await server.faults.compactHistory()
            let (_, events) = try await client.watch("\(widgets)?watch=1&resourceVersion=1")
            var all: [JSONValue] = []
            for try await event in events { all.append(event) }
            #expect(all.count == 1)
            #expect(all.first?["type"] == "ERROR")
            #expect(all.first?[path: "object", "code"] == 410)
            #expect(all.first?[path: "object", "reason"] == "Expired")
        }
    }

    @Test("label-selector watches turn 'starts matching' into ADDED and 'stops matching' into DELETED")
    func selectorTransitions() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("w1", labels: ["tier": "gold"]))
            _ = try await client.post(widgets, widget("w2"))
            let (_, events) = try await client.watch("\(widgets)?watch=1&labelSelector=tier%3Dgold")
            var it = events.makeAsyncIterator()
            #expect(try await next(&it)?[path: "object", "metadata", "name"] == "w1")
            _ = try await client.patch("\(widgets)/w2", ["metadata": ["labels": ["tier": "gold"]]])
            _ = try await client.patch("\(widgets)/w2", ["spec": ["size": 5]])
            _ = try await client.patch("\(widgets)/w2", ["metadata": ["labels": ["tier": nil]]])
            _ = try await client.patch("\(widgets)/w2", ["spec": ["size": 6]])
            _ = try await client.patch("\(widgets)/w1", ["spec": ["size": 7]])
            let seen = [try await next(&it), try await next(&it), try await next(&it), try await next(&it)]
            #expect(seen.map { $0?["type"] } == ["ADDED", "MODIFIED", "DELETED", "MODIFIED"])
            #expect(seen.map { $0?[path: "object", "metadata", "name"] } == ["w2", "w2", "w2", "w1"])
        }
    }

    @Test("timeoutSeconds and periodic bookmarks run on the injected clock")
    func timeoutAndBookmarks() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock) { server, client in
            try await server.installCRD(widgetCRD)
            let (_, events) = try await client.watch("\(widgets)?watch=1&resourceVersion=\(await server.currentResourceVersion())&allowWatchBookmarks=true&timeoutSeconds=120")
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(60))
            var it = events.makeAsyncIterator()
            let bookmark = try await next(&it)
            #expect(bookmark?["type"] == "BOOKMARK")
            #expect(bookmark?[path: "object", "metadata", "annotations"] == nil)
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(60))
            var rest: [JSONValue] = []
            while let event = try await next(&it) { rest.append(event) }
            #expect(rest.allSatisfy { $0["type"] == "BOOKMARK" })
        }
    }

    @Test("kubectl get -w style: Table events, column definitions only on the first")
    func tableWatch() async throws {
        try await withServer { server, client in
            try await server.installCRD(widgetCRD)
            _ = try await client.post(widgets, widget("alpha"))
            _ = try await client.post(widgets, widget("beta"))
            let (_, events) = try await client.watch("\(widgets)?watch=1&resourceVersion=0", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
            var it = events.makeAsyncIterator()
            let first = try await next(&it), second = try await next(&it)
            #expect(first?[path: "object", "kind"] == "Table")
            #expect(first?[path: "object", "columnDefinitions"]?.arrayValue?.count == 6)
            #expect(second?[path: "object", "columnDefinitions"] == .null)
            #expect(second?[path: "object", "rows"]?[0]?["cells"]?[0] == "beta")
        }
    }
}
