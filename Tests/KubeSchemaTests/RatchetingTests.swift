import JSON
import KubeSchema
import Testing

/// Ratcheting of schema errors on update (CRDValidationRatcheting).
@Suite struct RatchetingTests {
    let schemaText = """
    {"type": "object", "properties": {
      "apiVersion": {"type": "string"}, "kind": {"type": "string", "enum": ["Thing"]},
      "spec": {"type": "object", "required": ["name"], "properties": {
        "name": {"type": "string", "maxLength": 3},
        "size": {"type": "integer", "minimum": 1},
        "atomic": {"type": "array", "items": {"type": "string", "maxLength": 2}},
        "byKey": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"],
                  "items": {"type": "object", "required": ["k"], "properties": {"k": {"type": "string"}, "v": {"type": "integer", "maximum": 5}}}}
      }},
      "status": {"type": "object", "properties": {"phase": {"type": "string", "enum": ["A", "B"]}, "count": {"type": "integer", "minimum": 0}}}
    }}
    """

    func check(old: String, new: String) throws -> [String] {
        let schema = try Fixtures.schema(schemaText)
        return schema.validateUpdate(old: try Fixtures.json(old), new: try Fixtures.json(new)).map(\.description)
    }

    @Test func unchangedInvalidValuesAreTolerated() throws {
        // A schema that tightened after the object was stored: the old name is too long.
        #expect(try check(old: #"{"spec": {"name": "toolong", "size": 1}}"#, new: #"{"spec": {"name": "toolong", "size": 2}}"#).isEmpty)
        #expect(try check(old: #"{"spec": {"name": "toolong"}}"#, new: #"{"spec": {"name": "toolonger"}}"#)
                == ["spec.name: Too long: may not be more than 3 bytes"])
        #expect(try check(old: #"{"spec": {"size": 1}}"#, new: #"{"spec": {"size": 1}, "status": {"count": 1}}"#).isEmpty)
        #expect(try check(old: #"{"spec": {"size": 1}}"#, new: #"{"spec": {"size": 2}}"#) == ["spec.name: Required value"])
    }

    @Test func listItemsCorrelateByMapKeyButNotInAtomicLists() throws {
        #expect(try check(old: #"{"spec": {"name": "a", "byKey": [{"k": "x", "v": 9}]}}"#,
                          new: #"{"spec": {"name": "a", "byKey": [{"k": "y", "v": 1}, {"k": "x", "v": 9}]}}"#).isEmpty)
        #expect(try check(old: #"{"spec": {"name": "a", "atomic": ["long"]}}"#,
                          new: #"{"spec": {"name": "a", "atomic": ["long", "ok"]}}"#)
                == ["spec.atomic[0]: Too long: may not be more than 2 bytes"])
        #expect(try check(old: #"{"spec": {"name": "a", "atomic": ["long"]}}"#,
                          new: #"{"spec": {"name": "a", "atomic": ["long"]}}"#).isEmpty)
    }

    @Test func rootTypeMetaNeverRatchets() throws {
        #expect(try check(old: #"{"kind": "Other", "spec": {"name": "a"}}"#, new: #"{"kind": "Other", "spec": {"name": "b"}}"#)
                == [#"kind: Unsupported value: "Other": supported values: "Thing""#])
    }

    @Test func statusUpdatesRatchetToo() throws {
        let schema = try Fixtures.schema(schemaText)
        let old = try Fixtures.json(#"{"spec": {"name": "a"}, "status": {"phase": "Z", "count": 1}}"#)
        #expect(schema.validateStatusUpdate(old: old, new: try Fixtures.json(#"{"spec": {"name": "a"}, "status": {"phase": "Z", "count": 2}}"#)).isEmpty)
        #expect(schema.validateStatusUpdate(old: old, new: try Fixtures.json(#"{"spec": {"name": "a"}, "status": {"phase": "Y", "count": -1}}"#)).map(\.description) == [
            #"status.phase: Unsupported value: "Y": supported values: "A", "B""#,
            "status.count: Invalid value: -1: count in body should be greater than or equal to 0",
        ])
    }
}
