import Foundation
import JSON
import Testing
@testable import KubeClient

/// The decoding options reach list and watch decoding, typed and untyped; without them the
/// client decodes everything as before.
@Suite struct DecodingOptionsClientTests {
    typealias Fixture = DecodingOptionsTests

    @Test func typedListAndListAllFollowTheOptions() async throws {
        try await withScriptedServer({ _ in .json(200, Fixture.list(["w1", "w2"])) }) { server in
            let kube = try client(server)
            let plain = try await kube.list(Widget.self)
            #expect(plain.items.map(\.metadata.managedFields) == [Fixture.managedFields, Fixture.managedFields])
            let skipped = try await kube.list(Widget.self, decoding: .cache)
            #expect(skipped.items.allSatisfy { $0.metadata.managedFields == nil })
            #expect(skipped.items.map(\.metadata.name) == ["w1", "w2"])
            let messages = skipped.items.map { $0.status?.conditions?.first?.message ?? "" }
            #expect(Fixture.buffer(messages[0]) == Fixture.buffer(messages[1]))
            let all = try await kube.listAll(Widget.self, decoding: DecodingOptions(skipManagedFields: true))
            #expect(all.items.count == 2 && all.items.allSatisfy { $0.metadata.managedFields == nil })
            #expect(try await kube.listAll(Widget.self).items.allSatisfy { $0.metadata.managedFields != nil })
        }
    }

    @Test func getIsUnchanged() async throws {
        try await withScriptedServer({ _ in .json(200, Fixture.widget("w1")) }) { server in
            let widget = try await client(server).get(Widget.self, name: "w1")
            #expect(widget.metadata.managedFields == Fixture.managedFields)
        }
    }

    @Test func untypedListFollowsTheOptions() async throws {
        try await withScriptedServer({ _ in .json(200, Fixture.list(["w1", "w2"])) }) { server in
            let kube = try client(server)
            let plain = try await kube.list(Widget.resource)
            #expect(plain["items"]?.arrayValue?.allSatisfy { $0[path: "metadata", "managedFields"] != nil } == true)
            let skipped = try await kube.list(Widget.resource, decoding: .cache)
            let items = skipped["items"]?.arrayValue ?? []
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0[path: "metadata", "managedFields"] == nil })
            // Only managedFields is gone.
            var expected = plain
            for index in 0..<2 { expected[path: "items"]?.removeManagedFieldsOfItem(index) }
            #expect(skipped == expected)
            #expect(skipped[path: "metadata", "resourceVersion"] == "9")
        }
    }

    /// Serves ADDED events of `objects` (one per line: the fixture's line breaks go) as a watch.
    static func watchEvents(_ objects: [String]) -> ScriptedServer.Reply {
        .json(200, objects.map { #"{"type":"ADDED","object":\#($0.replacingOccurrences(of: "\n", with: ""))}"# }
            .joined(separator: "\n") + "\n")
    }

    @Test func typedWatchFollowsTheOptions() async throws {
        try await withScriptedServer({ _ in Self.watchEvents([Fixture.widget("w1"), Fixture.widget("w2")]) }) { server in
            let kube = try client(server)
            var plain: [Widget] = []
            for try await event in try await kube.watch(Widget.self) { if let o = event.object { plain.append(o) } }
            #expect(plain.map(\.metadata.managedFields) == [Fixture.managedFields, Fixture.managedFields])

            var skipped: [Widget] = []
            for try await event in try await kube.watch(Widget.self, decoding: .cache) { if let o = event.object { skipped.append(o) } }
            #expect(skipped.map(\.metadata.name) == ["w1", "w2"])
            #expect(skipped.allSatisfy { $0.metadata.managedFields == nil })
            // One interner per stream: the events of one watch share their strings.
            let messages = skipped.map { $0.status?.conditions?.first?.message ?? "" }
            #expect(messages[0] == "all parts of the widget are ready")
            #expect(Fixture.buffer(messages[0]) == Fixture.buffer(messages[1]))
            let plainMessages = plain.map { $0.status?.conditions?.first?.message ?? "" }
            #expect(Fixture.buffer(plainMessages[0]) != Fixture.buffer(plainMessages[1]))
        }
    }

    @Test func untypedWatchFollowsTheOptions() async throws {
        try await withScriptedServer({ _ in Self.watchEvents([Fixture.widget("w1")]) }) { server in
            let kube = try client(server)
            var plain: [JSONValue] = []
            for try await event in try await kube.watch(Widget.resource) { if let o = event.object { plain.append(o) } }
            #expect(plain.first?[path: "metadata", "managedFields"] == .array(Fixture.managedFields))
            var skipped: [JSONValue] = []
            for try await event in try await kube.watch(Widget.resource, decoding: .cache) { if let o = event.object { skipped.append(o) } }
            #expect(skipped.count == 1)
            #expect(skipped.first?[path: "metadata", "managedFields"] == nil)
            #expect(skipped.first?[path: "metadata", "name"] == "w1")
            #expect(skipped.first?[path: "spec", "size"] == 3)
        }
    }

    @Test func removingManagedFieldsInventsNothing() {
        var bare: JSONValue = ["data": ["k": "v"]]
        bare.removeManagedFields()
        #expect(bare == ["data": ["k": "v"]])
        var notAList: JSONValue = ["items": "none"]
        notAList.removeManagedFieldsOfItems()
        #expect(notAList == ["items": "none"])
    }
}

extension JSONValue {
    /// Test helper: removes managedFields of the `index`th element of this array.
    fileprivate mutating func removeManagedFieldsOfItem(_ index: Int) {
        guard case .array(var items) = self, items.indices.contains(index) else { return }
        items[index].removeManagedFields()
        self = .array(items)
    }
}
