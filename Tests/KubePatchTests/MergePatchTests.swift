import Testing
import JSON
import KubePatch

@Suite struct MergePatchTests {
    /// 03-patch.md case 1.
    @Test func changesAFieldAddsALabelAndDeletesOneWithNull() throws {
        let widget = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget",
         "metadata":{"name":"p1","labels":{"app":"demo","env":"dev"}},"spec":{"size":3,"color":"red"}}
        """)
        let patch = try json(#"{"metadata": {"labels": {"env": null, "team": "a"}}, "spec": {"color": "blue"}}"#)
        let result = MergePatch.apply(patch, to: widget)
        #expect(result[path: "metadata", "labels"] == ["app": "demo", "team": "a"])
        #expect(result["spec"] == ["color": "blue", "size": 3])
        #expect(result[path: "metadata", "name"] == "p1")
    }

    /// 03-patch.md case 12: lists are replaced wholesale, even containers.
    @Test func replacesListsWholesale() throws {
        let deployment = try json("""
        {"spec":{"template":{"spec":{"containers":[
          {"name":"app","image":"nginx:1.25","env":[{"name":"A","value":"1"}]},
          {"name":"sidecar","image":"busybox:1.36"}]}}}}
        """)
        let patch = try json(#"{"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}"#)
        let result = MergePatch.apply(patch, to: deployment)
        #expect(result[path: "spec", "template", "spec", "containers"] == [["name": "app", "image": "nginx:1.27"]])
    }

    /// 07-status-conditions-and-events.md case 5: a list-map is still replaced.
    @Test func replacesConditionsEvenThoughTheSchemaCallsThemAMap() throws {
        let widget = try json("""
        {"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True"}]}}
        """)
        let patch = try json(#"{"status":{"conditions":[{"type":"Progressing","status":"False","reason":"Idle"}]}}"#)
        let result = MergePatch.apply(patch, to: widget)
        #expect(result["status"] == ["observedGeneration": 1, "conditions": [["type": "Progressing", "status": "False", "reason": "Idle"]]])
    }

    @Test func nestedNullsInNewObjectsAreDropped() throws {
        let result = MergePatch.apply(try json(#"{"a":{"b":null,"c":1}}"#), to: try json(#"{"x":1}"#))
        #expect(result == ["x": 1, "a": ["c": 1]])
    }

    @Test func nonObjectPatchReplacesTheTarget() throws {
        #expect(MergePatch.apply([1, 2], to: ["a": 1]) == [1, 2])
        #expect(MergePatch.apply(["a": 1], to: "text") == ["a": 1])
    }

    @Test func createIsMinimal() throws {
        let a = try json(#"{"keep":1,"change":{"x":1,"y":2},"drop":true,"list":[1,2]}"#)
        let b = try json(#"{"keep":1,"change":{"x":1,"y":3},"list":[2],"new":"n"}"#)
        let patch = MergePatch.create(from: a, to: b)
        #expect(patch == ["change": ["y": 3], "drop": nil, "list": [2], "new": "n"])
        #expect(MergePatch.create(from: a, to: a) == .emptyObject)
    }

    @Test func createRoundTripsOnGeneratedPairs() {
        var rng = SplitMix64(state: 0x5EED)
        for _ in 0..<500 {
            let original = Self.randomObject(depth: 3, using: &rng)
            let modified = Self.mutate(original, depth: 3, using: &rng)
            let patch = MergePatch.create(from: original, to: modified)
            #expect(MergePatch.apply(patch, to: original) == modified,
                    "patch \(patch) from \(original) to \(modified)")
        }
    }

    static func randomScalar(using rng: inout SplitMix64) -> JSONValue {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .int(Int64.random(in: -5...5, using: &rng))
        case 1: return .string(["a", "b", "c", ""].randomElement(using: &rng) ?? "a")
        case 2: return .bool(Bool.random(using: &rng))
        case 3: return .double(Double(Int.random(in: 0...9, using: &rng)) / 4)
        default: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in .int(Int64.random(in: 0...3, using: &rng)) })
        }
    }

    static func randomObject(depth: Int, using rng: inout SplitMix64) -> JSONValue {
        var object = JSONValue.emptyObject
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let key = ["a", "b", "c", "d", "e"].randomElement(using: &rng) ?? "a"
            object[key] = depth > 0 && Bool.random(using: &rng) ? randomObject(depth: depth - 1, using: &rng)
                                                               : randomScalar(using: &rng)
        }
        return object
    }

    static func mutate(_ value: JSONValue, depth: Int, using rng: inout SplitMix64) -> JSONValue {
        guard case .object(let members) = value else {
            return Bool.random(using: &rng) ? value : randomObject(depth: depth, using: &rng)
        }
        var result = JSONValue.object(members)
        for (key, child) in members {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: result[key] = nil
            case 1: result[key] = mutate(child, depth: max(depth - 1, 0), using: &rng)
            case 2: result[key] = randomScalar(using: &rng)
            default: break
            }
        }
        if Bool.random(using: &rng) { result["f"] = randomObject(depth: max(depth - 1, 0), using: &rng) }
        return result
    }
}
