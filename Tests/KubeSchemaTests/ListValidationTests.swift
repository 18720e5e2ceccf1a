import JSON
import KubeSchema
import Testing

/// `x-kubernetes-list-type` set/map uniqueness, as `schema/listtype` reports it.
@Suite struct ListValidationTests {
    let schemaText = """
    {
      "type": "object",
      "properties": {
        "spec": {
          "type": "object",
          "properties": {
            "tags": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}},
            "numbers": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "number"}},
            "ports": {
              "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
              "items": {"type": "object", "required": ["port", "protocol"],
                        "properties": {"port": {"type": "integer"}, "protocol": {"type": "string"}}}
            },
            "byName": {
              "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
              "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"},
                        "sub": {"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}}}}
            }
          }
        }
      }
    }
    """

    func errors(_ spec: String) throws -> [String] {
        let schema = try Fixtures.schema(schemaText)
        return schema.validate(try Fixtures.json(#"{"spec": \#(spec)}"#)).map(\.description)
    }

    @Test func setReportsEachRepeatOnce() throws {
        #expect(try errors(#"{"tags": ["a", "b", "a", "a", "b"]}"#)
                == [#"spec.tags[2]: Duplicate value: "a""#, #"spec.tags[4]: Duplicate value: "b""#])
        #expect(try errors(#"{"tags": ["a", "b"]}"#).isEmpty)
    }

    @Test func setComparesIntAndFloatLikeGo() throws {
        // 1 (int64) and 1.0 (float64) are different scalars in an unstructured object.
        #expect(try errors(#"{"numbers": [1, 1.0]}"#).isEmpty)
        #expect(try errors(#"{"numbers": [1.5, 1.5]}"#) == ["spec.numbers[1]: Duplicate value: 1.5"])
    }

    @Test func mapWithCompositeKeys() throws {
        #expect(try errors(#"{"ports": [{"port": 80, "protocol": "TCP"}, {"port": 80, "protocol": "UDP"}, {"protocol": "TCP", "port": 80}]}"#)
                == [#"spec.ports[2]: Duplicate value: {"port":80,"protocol":"TCP"}"#])
    }

    @Test func mapItemsMustBeObjects() throws {
        #expect(try errors(#"{"byName": [{"name": "a"}, "b"]}"#).contains(#"spec.byName[1]: Invalid value: "b": must be an object for an array of list-type map"#))
    }

    @Test func nestedListsAreChecked() throws {
        #expect(try errors(#"{"byName": [{"name": "a", "sub": ["x", "x"]}]}"#) == [#"spec.byName[0].sub[1]: Duplicate value: "x""#])
    }

    @Test func updatesRatchetListChecks() throws {
        let schema = try Fixtures.schema(schemaText)
        let bad = try Fixtures.json(#"{"spec": {"tags": ["a", "a"]}}"#)
        let good = try Fixtures.json(#"{"spec": {"tags": ["a"]}}"#)
        // Already broken before: tolerated on update, like the server.
        #expect(schema.validateUpdate(old: bad, new: bad).isEmpty)
        #expect(schema.validateUpdate(old: good, new: bad).map(\.description) == [#"spec.tags[1]: Duplicate value: "a""#])
        #expect(schema.validate(bad).map(\.description) == [#"spec.tags[1]: Duplicate value: "a""#])
    }
}
