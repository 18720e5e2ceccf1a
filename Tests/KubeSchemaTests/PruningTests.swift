import JSON
import KubeSchema
import Testing

/// Pruning of unknown fields (`schema/pruning`), null pruning and embedded metadata coercion.
@Suite struct PruningTests {
    let schemaText = """
    {
      "type": "object",
      "properties": {
        "spec": {
          "type": "object",
          "properties": {
            "name": {"type": "string"},
            "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                       "properties": {"typed": {"type": "object", "properties": {"a": {"type": "string"}}}}},
            "items": {"type": "array", "items": {"type": "object", "properties": {"k": {"type": "string"}}}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "nested": {"type": "object", "additionalProperties": {"type": "object", "properties": {"x": {"type": "integer"}}}},
            "anything": {"type": "object", "additionalProperties": true},
            "empty": {"type": "object"},
            "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
            "nullable": {"type": "string", "nullable": true},
            "defaulted": {"type": "string", "default": "d"}
          }
        }
      }
    }
    """

    @Test func unknownFieldsAreDroppedWithSortedPaths() throws {
        let schema = try Fixtures.schema(schemaText)
        var object = try Fixtures.json("""
        {"apiVersion": "x/v1", "kind": "X", "metadata": {"name": "n", "whatever": 1}, "extra": 1,
         "spec": {"name": "a", "zzz": true, "items": [{"k": "v", "drop": 1}, {"drop": 2}],
                  "nested": {"m": {"x": 1, "y": 2}}, "labels": {"free": "form"}}}
        """)
        let unknown = schema.prune(&object)
        #expect(unknown == ["extra", "spec.items[0].drop", "spec.items[1].drop", "spec.nested.m.y", "spec.zzz"])
        #expect(object == (try Fixtures.json("""
        {"apiVersion": "x/v1", "kind": "X", "metadata": {"name": "n", "whatever": 1},
         "spec": {"name": "a", "items": [{"k": "v"}, {}], "nested": {"m": {"x": 1}}, "labels": {"free": "form"}}}
        """)))
    }

    @Test func preserveUnknownFieldsKeepsEverythingButStillPrunesTypedChildren() throws {
        let schema = try Fixtures.schema(schemaText)
        var object = try Fixtures.json(#"{"spec": {"config": {"free": {"deep": [1, 2]}, "typed": {"a": "x", "b": "gone"}}}}"#)
        let unknown = schema.prune(&object)
        #expect(unknown == ["spec.config.typed.b"])
        #expect(object[path: "spec", "config"] == ["free": ["deep": [1, 2]], "typed": ["a": "x"]])
    }

    @Test func objectsWithoutSchemaAreEmptied() throws {
        let schema = try Fixtures.schema(schemaText)
        var object = try Fixtures.json(#"{"spec": {"empty": {"a": 1}, "anything": {"s": "kept", "o": {"gone": 1}}}}"#)
        let unknown = schema.prune(&object)
        #expect(unknown == ["spec.anything.o.gone", "spec.empty.a"])
        #expect(object[path: "spec", "empty"] == [:])
        #expect(object[path: "spec", "anything"] == ["s": "kept", "o": [:]])
    }

    @Test func nonNullableNullsWithoutDefaultAreDropped() throws {
        let schema = try Fixtures.schema(schemaText)
        var object = try Fixtures.json(#"{"spec": {"name": null, "nullable": null, "defaulted": null}}"#)
        let unknown = schema.prune(&object)
        #expect(unknown.isEmpty)
        // name: dropped; nullable: kept; defaulted: kept for defaulting to replace.
        #expect(object["spec"] == ["nullable": nil, "defaulted": nil])
        schema.applyDefaults(to: &object)
        #expect(object["spec"] == ["nullable": nil, "defaulted": "d"])
    }

    @Test func embeddedResourceMetadataIsCoerced() throws {
        let schema = try Fixtures.schema(schemaText)
        var object = try Fixtures.json(#"{"spec": {"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {"a": "b"}, "bogus": 1}, "spec": {"free": true}}}}"#)
        let unknown = schema.prune(&object)
        #expect(unknown == ["spec.template.metadata.bogus"])
        #expect(object[path: "spec", "template"] == (try Fixtures.json(
            #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {"a": "b"}, "creationTimestamp": null}, "spec": {"free": true}}"#)))
    }

    @Test func rootPreserveUnknownFields() throws {
        let schema = try Fixtures.schema(#"{"type": "object", "x-kubernetes-preserve-unknown-fields": true}"#)
        var object = try Fixtures.json(#"{"spec": {"anything": 1}, "other": [true]}"#)
        let before = object
        #expect(schema.prune(&object).isEmpty)
        #expect(object == before)
    }
}
