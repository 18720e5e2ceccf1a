import Foundation
import JSON
import Testing
@testable import KubeClient

/// What list and watch decoding leaves out (`managedFields`, only when asked) and which strings
/// it shares (interning keeps every value equal).
@Suite struct DecodingOptionsTests {
    /// A Widget with managedFields, long label/annotation keys and values, a finalizer, an owner
    /// and conditions: every field the decoder may intern. `name` varies per object.
    static func widget(_ name: String, resourceVersion: String = "7") -> String {
        #"""
        {"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"\#(name)","namespace":"a-namespace-longer-than-15",
         "resourceVersion":"\#(resourceVersion)","uid":"uid-\#(name)-0123456789abcdef",
         "labels":{"app.kubernetes.io/name":"widget-controller-app","app.kubernetes.io/instance":"\#(name)"},
         "annotations":{"demo.example.com/owner-email":"someone@example.com"},
         "finalizers":["demo.example.com/cleanup-finalizer"],
         "ownerReferences":[{"apiVersion":"demo.example.com/v1","kind":"WidgetCollection","name":"parent","uid":"u-parent","controller":true}],
         "managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"demo.example.com/v1",
                           "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:size":{}}}}]},
         "spec":{"color":"red","size":3},
         "status":{"observedGeneration":1,"conditions":[
           {"type":"ReadyToServeTraffic","status":"True","observedGeneration":1,"lastTransitionTime":"2026-11-22T07:40:17Z",
            "reason":"EverythingReconciled","message":"all parts of the widget are ready"}]}}
        """#
    }

    static func list(_ names: [String]) -> String {
        #"{"apiVersion":"demo.example.com/v1","kind":"WidgetList","metadata":{"resourceVersion":"9"},"items":["#
            + names.map { widget($0) }.joined(separator: ",") + "]}"
    }

    static let managedFields: [JSONValue] = [["manager": "kubectl-client-side-apply", "operation": "Update",
                                              "apiVersion": "demo.example.com/v1", "fieldsType": "FieldsV1",
                                              "fieldsV1": ["f:spec": ["f:size": [:]]]]]

    /// The address of a string's UTF-8 buffer: equal for strings that share storage.
    static func buffer(_ string: String) -> UInt? {
        string.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) }
    }

    /// Every string of `widget` the decoder interns.
    static func internedStrings(_ widget: Widget) -> [String] {
        let meta = widget.metadata
        let condition = widget.status?.conditions?.first
        return [meta.namespace, meta.labels?["app.kubernetes.io/name"], meta.annotations?["demo.example.com/owner-email"],
                meta.labels?.keys.first { $0 == "app.kubernetes.io/instance" }, meta.finalizers?.first,
                meta.ownerReferences?.first?.apiVersion, meta.ownerReferences?.first?.kind,
                condition?.type, condition?.lastTransitionTime, condition?.reason, condition?.message].map { $0 ?? "" }
    }

    static func decode(_ text: String, _ options: DecodingOptions) throws -> ObjectList<Widget> {
        try options.makeDecoder().decode(ObjectList<Widget>.self, from: Data(text.utf8))
    }

    @Test func managedFieldsAreDecodedByDefault() throws {
        let list = try Self.decode(Self.list(["w1"]), DecodingOptions())
        #expect(list.items[0].metadata.managedFields == Self.managedFields)
    }

    @Test func managedFieldsAreSkippedOnlyWhenAsked() throws {
        let skipped = try Self.decode(Self.list(["w1"]), DecodingOptions(skipManagedFields: true))
        let full = try Self.decode(Self.list(["w1"]), DecodingOptions())
        #expect(skipped.items[0].metadata.managedFields == nil)
        // Everything else is decoded alike.
        var withoutManagedFields = full.items[0]
        withoutManagedFields.metadata.managedFields = nil
        #expect(skipped.items[0] == withoutManagedFields)
    }

    @Test func internedStringsAreEqualAndShareOneBuffer() throws {
        let plain = try Self.decode(Self.list(["w1", "w2"]), DecodingOptions())
        let interned = try Self.decode(Self.list(["w1", "w2"]), .cache)
        var expected = plain.items
        for index in expected.indices { expected[index].metadata.managedFields = nil }
        #expect(interned.items == expected)

        let first = Self.internedStrings(interned.items[0]), second = Self.internedStrings(interned.items[1])
        #expect(first == second)
        for (a, b) in zip(first, second) {
            #expect(Self.buffer(a) != nil && Self.buffer(a) == Self.buffer(b), "\(a) is not shared")
        }
        // Without interning, each object has its own copy.
        let a = Self.internedStrings(plain.items[0]), b = Self.internedStrings(plain.items[1])
        #expect(zip(a, b).allSatisfy { Self.buffer($0) != Self.buffer($1) })
        // Strings unique to each object are never merged.
        #expect(interned.items[0].metadata.uid != interned.items[1].metadata.uid)
    }

    @Test func eachResponseHasItsOwnInterner() throws {
        let one = try Self.decode(Self.list(["w1"]), .cache)
        let two = try Self.decode(Self.list(["w1"]), .cache)
        let message1 = one.items[0].status?.conditions?.first?.message ?? ""
        let message2 = two.items[0].status?.conditions?.first?.message ?? ""
        #expect(message1 == message2)
        #expect(Self.buffer(message1) != Self.buffer(message2))
    }

    @Test func internerLeavesInlineStringsAloneAndRespectsItsLimit() {
        let interner = StringInterner(limit: 2)
        #expect(interner.intern("short") == "short")
        #expect(interner.count == 0)   // 15 bytes or fewer: stored inline, nothing to share
        // Built at run time: literals live in the binary and already share their bytes.
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        let original = fresh("a-string-longer-than-15"), copy = fresh("a-string-longer-than-15")
        #expect(Self.buffer(original) != Self.buffer(copy))
        let a1 = interner.intern(original)
        let a2 = interner.intern(copy)
        #expect(a2 == copy && Self.buffer(a1) == Self.buffer(a2) && Self.buffer(a1) == Self.buffer(original))
        _ = interner.intern("another-string-longer-than-15")
        #expect(interner.count == 2)
        // Full: the table starts over rather than growing.
        _ = interner.intern("a-third-string-longer-than-15")
        #expect(interner.count == 1)
        // An entry already held does not empty a full table.
        _ = interner.intern("a-fourth-string-longer-than-15")
        _ = interner.intern("a-fourth-string-longer-than-15")
        #expect(interner.count == 2)
        #expect(StringInterner().limit == nil)
    }

    @Test func decodersCarryTheOptions() {
        let plain = DecodingOptions().makeDecoder()
        #expect(plain.userInfo.isEmpty)
        let cache = DecodingOptions.cache.makeDecoder()
        #expect(cache.userInfo[DecodingOptions.userInfoKey] as? DecodingOptions == .cache)
        #expect(cache.userInfo[StringInterner.userInfoKey] is StringInterner)
        let skipOnly = DecodingOptions(skipManagedFields: true).makeDecoder()
        #expect(skipOnly.userInfo[StringInterner.userInfoKey] == nil)
    }

    @Test func encodingIsUnchanged() throws {
        let widget = try Self.decode(Self.list(["w1"]), DecodingOptions()).items[0]
        let encoded = try JSONValue(parsing: [UInt8](JSONEncoder().encode(widget.metadata)))
        #expect(encoded["managedFields"] == .array(Self.managedFields))
        #expect(encoded[path: "ownerReferences"]?.arrayValue?.first?["kind"] == "WidgetCollection")
        let condition = try JSONValue(parsing: [UInt8](JSONEncoder().encode(widget.status?.conditions?.first)))
        #expect(condition["reason"] == "EverythingReconciled" && condition["observedGeneration"] == 1)
    }

    @Test func badFieldsStillNameThePath() async throws {
        let broken = Self.list(["w1"]).replacingOccurrences(of: #""reason":"EverythingReconciled","#, with: "")
            .replacingOccurrences(of: #""kind":"WidgetCollection""#, with: #""kind":7"#)
        try await withScriptedServer({ _ in .json(200, broken) }) { server in
            let error = await expectKubeError { _ = try await client(server).list(Widget.self, decoding: .cache) }
            guard case .decoding(_, let path, let message)? = error else { Issue.record("expected a decoding error"); return }
            #expect(path == "items[0].metadata.ownerReferences[0].kind")
            #expect(message.contains("String"))
        }
        let noReason = Self.list(["w1"]).replacingOccurrences(of: #""reason":"EverythingReconciled","#, with: "")
        try await withScriptedServer({ _ in .json(200, noReason) }) { server in
            let error = await expectKubeError { _ = try await client(server).list(Widget.self) }
            guard case .decoding(_, let path, _)? = error else { Issue.record("expected a decoding error"); return }
            #expect(path == "items[0].status.conditions[0].reason")
        }
    }
}
