import Foundation
import JSON
import Testing
@testable import KubeClient

/// Watch streams: events arrive one by one, lines are split on newlines not chunks,
/// ERROR events become typed errors, cancellation aborts the transfer.
@Suite struct WatchTests {
    static let added = #"{"type":"ADDED","object":\#(widgetJSON)}"#
    static let bookmark = #"{"type":"BOOKMARK","object":{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"resourceVersion":"12","annotations":{"k8s.io/initial-events-end":"true"}}}}"#
    static let expired = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2046)","reason":"Expired","code":410}}"#

    @Test func lineSplitterIgnoresChunkBoundaries() throws {
        var splitter = LineSplitter()
        let text = Array((Self.added + "\n" + Self.bookmark + "\n").utf8)
        var lines: [[UInt8]] = []
        for chunk in stride(from: 0, to: text.count, by: 7).map({ Array(text[$0..<min($0 + 7, text.count)]) }) {
            lines += try splitter.feed(chunk)
        }
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == [Self.added, Self.bookmark])
        #expect(splitter.pending.isEmpty)
        var whole = LineSplitter()
        #expect(try whole.feed(text).count == 2)
    }

    @Test func eventsArriveOneByOne() async throws {
        let (chunks, feed) = AsyncStream<[UInt8]>.makeStream()
        try await withScriptedServer({ _ in .stream(status: 200, headers: [("Content-Type", "application/json")], chunks: chunks) }) { server in
            let kube = try client(server)
            let stream = try await kube.watch(Widget.self, namespace: "kt", options: WatchOptions(resourceVersion: "5", sendInitialEvents: nil))
            var iterator = stream.makeAsyncIterator()
            // Half an event, then the rest with the start of the next: delivered only when complete.
            let first = Array((Self.added + "\n").utf8)
            feed.yield(Array(first[..<20]))
            feed.yield(Array(first[20...]) + Array(Self.bookmark.utf8.prefix(10)))
            guard case .added(let w) = try await iterator.next() else { Issue.record("expected ADDED"); return }
            #expect(w.metadata.name == "w1")
            // The second event is sent only after the first was received.
            feed.yield(Array(Self.bookmark.utf8.dropFirst(10)) + [0x0A])
            guard case .bookmark(let rv, let end) = try await iterator.next() else { Issue.record("expected BOOKMARK"); return }
            #expect(rv == "12" && end)
            feed.finish()
            #expect(try await iterator.next() == nil)
            let q = server.requests[0].queryItems
            #expect(q["watch"] == "true" && q["resourceVersion"] == "5" && q["allowWatchBookmarks"] == "true")
        }
    }

    @Test func errorEventBecomesGone() async throws {
        try await withScriptedServer({ _ in .json(200, Self.expired + "\n") }) { server in
            let kube = try client(server)
            do {
                for try await _ in try await kube.watch(Widget.self) {}
                Issue.record("expected an error")
            } catch let error as KubeError {
                #expect(error.isGone)
                #expect(error.apiError?.message.contains("too old resource version") == true)
            }
        }
    }

    @Test func streamCutMidLineIsAnError() async throws {
        try await withScriptedServer({ _ in .json(200, Self.added + "\n" + String(Self.added.prefix(40))) }) { server in
            let kube = try client(server)
            var seen = 0
            do {
                for try await _ in try await kube.watch(Widget.self) { seen += 1 }
                Issue.record("expected an error")
            } catch let error as KubeError {
                #expect(seen == 1)
                #expect(error.description.contains("ended in the middle of an event"))
            }
        }
    }

    @Test func invalidEventIsADecodingError() async throws {
        try await withScriptedServer({ _ in .json(200, #"{"type":"ADDED","object":{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":"nope"}}"# + "\n") }) { server in
            let kube = try client(server)
            do {
                for try await _ in try await kube.watch(Widget.self) {}
                Issue.record("expected an error")
            } catch let error as KubeError {
                guard case .decoding(_, let path, _) = error else { Issue.record("\(error)"); return }
                #expect(path.hasPrefix("object.metadata"))
            }
        }
    }

    @Test func untypedWatch() async throws {
        try await withScriptedServer({ _ in .json(200, Self.added + "\n" + #"{"type":"DELETED","object":{"kind":"ConfigMap","metadata":{"name":"c"}}}"# + "\n") }) { server in
            let kube = try client(server)
            var events: [String] = []
            for try await event in try await kube.watch(.configMaps, namespace: "kt") {
                switch event {
                case .added(let o): events.append("added \(o[path: "metadata", "name"]?.stringValue ?? "")")
                case .deleted(let o): events.append("deleted \(o[path: "metadata", "name"]?.stringValue ?? "")")
                default: events.append("other")
                }
            }
            #expect(events == ["added w1", "deleted c"])
        }
    }

    @Test func cancellingTheConsumerAbortsTheTransfer() async throws {
        let (chunks, feed) = AsyncStream<[UInt8]>.makeStream()
        try await withScriptedServer({ _ in .stream(status: 200, headers: [], chunks: chunks) }) { server in
            let kube = try client(server)
            let (received, signal) = AsyncStream<Void>.makeStream()
            let task = Task {
                for try await _ in try await kube.watch(Widget.self) { signal.yield() }
            }
            feed.yield(Array((Self.added + "\n").utf8))
            var it = received.makeAsyncIterator()
            _ = await it.next()
            task.cancel()
            _ = await task.result
            // The server notices the closed connection on its next write.
            for _ in 0..<200 where server.disconnects == 0 {
                feed.yield(Array((Self.bookmark + "\n").utf8))
                try await Task.sleep(for: .milliseconds(10))
            }
            feed.finish()
            #expect(server.disconnects == 1)
        }
    }

    @Test func watchOpenedWithAnErrorStatus() async throws {
        try await withScriptedServer({ _ in .json(403, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.demo.example.com is forbidden","reason":"Forbidden","code":403}"#) }) { server in
            let kube = try client(server)
            await #expect(throws: KubeError.self) { _ = try await kube.watch(Widget.self) }
            if let error = await expectKubeError({ _ = try await kube.watch(Widget.self) }) { #expect(error.isForbidden) }
        }
    }
}
