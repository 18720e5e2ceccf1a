import Testing
import JSON
import KubePatch

@Suite struct JSONPatchTests {
    let widget: JSONValue

    init() throws {
        widget = try json("""
        {"apiVersion":"demo.example.com/v1","kind":"Widget",
         "metadata":{"name":"p1","labels":{"app":"demo","team":"a"}},"spec":{"color":"blue","size":3}}
        """)
    }

    /// 03-patch.md case 5.
    @Test func testReplaceAndAddWithEscapedSlash() throws {
        let ops = try json("""
        [{"op": "test", "path": "/spec/size", "value": 3},
         {"op": "replace", "path": "/spec/size", "value": 4},
         {"op": "add", "path": "/metadata/labels/app.kubernetes.io~1name", "value": "widget"}]
        """)
        let result = try JSONPatch.apply(ops, to: widget)
        #expect(result[path: "metadata", "labels"] == ["app": "demo", "app.kubernetes.io/name": "widget", "team": "a"])
        #expect(result["spec"] == ["color": "blue", "size": 4])
    }

    /// 03-patch.md case 6: a failing test rejects the whole patch with the generic 422.
    @Test func failingTestRejectsEverything() throws {
        let ops = try json(#"[{"op": "test", "path": "/spec/size", "value": 999}, {"op": "replace", "path": "/spec/size", "value": 5}]"#)
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(ops, to: widget) }
        #expect(error.code == 422)
        #expect(error.reason == "Invalid")
        #expect(error.message == "the server rejected our request due to an error in our request")
        #expect(error.detail.contains("/spec/size"))
    }

    /// 03-patch.md case 7.
    @Test func removingAMissingPathIsRejected() throws {
        let ops = try json(#"[{"op": "remove", "path": "/metadata/annotations/nope"}]"#)
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(ops, to: widget) }
        #expect(error.code == 422)
        #expect(error.message == "the server rejected our request due to an error in our request")
        #expect(error.detail.contains("/metadata/annotations/nope"))
    }

    /// 03-patch.md case 8.
    @Test func bodyThatIsNotAnArrayIsABadRequest() throws {
        let ops = try json(#"{"op": "replace", "path": "/spec/size", "value": 5}"#)
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply(ops, to: widget) }
        #expect(error.code == 400)
        #expect(error.reason == "BadRequest")
        #expect(error.message == "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")
    }

    @Test func elementsThatAreNotObjectsAreABadRequest() throws {
        let error = try #require(throws: PatchError.self) { try JSONPatch.apply([1], to: widget) }
        #expect(error.message == "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp")
        let typed = try #require(throws: PatchError.self) {
            try JSONPatch.apply(try json(#"[{"op": 5, "path": "/a"}]"#), to: widget)
        }
        #expect(typed.message == "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string")
    }

    /// 07-status-conditions-and-events.md case 6: `/-` appends.
    @Test func appendsWithDash() throws {
        let object = try json(#"{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#)
        let ops = try json(#"[{"op":"add","path":"/status/conditions/-","value":{"type":"Progressing","status":"False"}}]"#)
        let result = try JSONPatch.apply(ops, to: object)
        #expect(result[path: "status", "conditions"] == [["type": "Ready", "status": "True"], ["type": "Progressing", "status": "False"]])
    }

    @Test func arrayIndexesInsertRemoveAndCountFromTheEnd() throws {
        let doc: JSONValue = ["l": [1, 2, 3]]
        #expect(try JSONPatch.apply(try json(#"[{"op":"add","path":"/l/1","value":9}]"#), to: doc) == ["l": [1, 9, 2, 3]])
        #expect(try JSONPatch.apply(try json(#"[{"op":"add","path":"/l/3","value":9}]"#), to: doc) == ["l": [1, 2, 3, 9]])
        #expect(try JSONPatch.apply(try json(#"[{"op":"remove","path":"/l/-1"}]"#), to: doc) == ["l": [1, 2]])
        #expect(try JSONPatch.apply(try json(#"[{"op":"replace","path":"/l/0","value":0}]"#), to: doc) == ["l": [0, 2, 3]])
        #expect(throws: PatchError.self) { try JSONPatch.apply(try json(#"[{"op":"add","path":"/l/5","value":9}]"#), to: doc) }
        #expect(throws: PatchError.self) { try JSONPatch.apply(try json(#"[{"op":"remove","path":"/l/x"}]"#), to: doc) }
    }

    @Test func moveAndCopy() throws {
        let doc: JSONValue = ["a": ["x": 1], "b": .emptyObject]
        let moved = try JSONPatch.apply(try json(#"[{"op":"move","from":"/a/x","path":"/b/y"}]"#), to: doc)
        #expect(moved == ["a": .emptyObject, "b": ["y": 1]])
        let copied = try JSONPatch.apply(try json(#"[{"op":"copy","from":"/a","path":"/c"}]"#), to: doc)
        #expect(copied == ["a": ["x": 1], "b": .emptyObject, "c": ["x": 1]])
        #expect(throws: PatchError.self) { try JSONPatch.apply(try json(#"[{"op":"move","from":"/nope","path":"/b/y"}]"#), to: doc) }
    }

    @Test func replaceNeedsAnExistingKeyAddDoesNot() throws {
        let doc: JSONValue = ["a": 1]
        #expect(try JSONPatch.apply(try json(#"[{"op":"add","path":"/b","value":2}]"#), to: doc) == ["a": 1, "b": 2])
        let error = try #require(throws: PatchError.self) {
            try JSONPatch.apply(try json(#"[{"op":"replace","path":"/b","value":2}]"#), to: doc)
        }
        #expect(error.detail.contains("missing key"))
    }

    @Test func tildeEscapesAndNumericEquality() throws {
        let doc: JSONValue = ["a~b": ["c/d": 1000]]
        let ops = try json(#"[{"op":"test","path":"/a~0b/c~1d","value":1e3},{"op":"remove","path":"/a~0b/c~1d"}]"#)
        #expect(try JSONPatch.apply(ops, to: doc) == ["a~b": .emptyObject])
    }

    @Test func testOfAMissingPathPassesOnlyForNull() throws {
        let doc: JSONValue = ["a": 1]
        #expect(try JSONPatch.apply(try json(#"[{"op":"test","path":"/b","value":null}]"#), to: doc) == doc)
        #expect(throws: PatchError.self) { try JSONPatch.apply(try json(#"[{"op":"test","path":"/b","value":1}]"#), to: doc) }
    }

    @Test func unknownOperationsAndMissingPathsAreRejected() throws {
        let unknown = try #require(throws: PatchError.self) {
            try JSONPatch.apply(try json(#"[{"op":"frobnicate","path":"/a"}]"#), to: widget)
        }
        #expect(unknown.detail.contains("Unexpected kind: frobnicate"))
        let pathless = try #require(throws: PatchError.self) {
            try JSONPatch.apply(try json(#"[{"op":"add","value":1}]"#), to: widget)
        }
        #expect(pathless.detail.contains("missing path"))
    }

    @Test func nullBodyIsANoOp() throws {
        #expect(try JSONPatch.apply(.null, to: widget) == widget)
    }
}
