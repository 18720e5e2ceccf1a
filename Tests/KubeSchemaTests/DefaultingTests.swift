import JSON
import KubeSchema
import Testing

/// Structural defaulting (`schema/defaulting.Default`).
@Suite struct DefaultingTests {
    let channelLike = """
    {
      "type": "object",
      "properties": {
        "spec": {
          "type": "object",
          "default": {},
          "properties": {
            "kernel": {
              "type": "object",
              "default": {},
              "properties": {
                "modelID": {"type": "string", "default": "gpt-4"},
                "temperature": {"type": "number", "default": 0.7},
                "enabledPlugins": {"type": "array", "items": {"type": "string"}, "default": ["YouTubePlugin"]}
              }
            },
            "retry": {
              "type": "object",
              "properties": {
                "maxRetries": {"type": "integer", "default": 5},
                "initialDelaySeconds": {"type": "integer", "default": 3}
              }
            },
            "components": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "name": {"type": "string"},
                  "port": {"type": "integer", "default": 8080},
                  "autoscaling": {"type": "object", "default": {}, "properties": {"enabled": {"type": "boolean", "default": true}}}
                }
              }
            },
            "labels": {"type": "object", "additionalProperties": {"type": "string", "default": "x"}},
            "optional": {"type": "string", "nullable": true, "default": "d"},
            "suspend": {"type": "boolean", "default": false}
          }
        },
        "status": {
          "type": "object",
          "default": {"observedGeneration": -1},
          "properties": {"observedGeneration": {"type": "integer", "format": "int64"}}
        }
      }
    }
    """

    @Test func nestedDefaultsInANewObject() throws {
        let schema = try Fixtures.schema(channelLike)
        var object = try Fixtures.json(#"{"apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": {"name": "c"}}"#)
        schema.applyDefaults(to: &object)
        #expect(object["spec"] == ["kernel": ["modelID": "gpt-4", "temperature": 0.7, "enabledPlugins": ["YouTubePlugin"]],
                                   "optional": "d", "suspend": false])
        #expect(object["status"] == ["observedGeneration": -1])
        #expect(object[path: "metadata", "name"] == "c")
    }

    @Test func existingValuesWinAndPartialObjectsAreCompleted() throws {
        let schema = try Fixtures.schema(channelLike)
        var object = try Fixtures.json(#"{"spec": {"kernel": {"modelID": "llama"}, "retry": {"maxRetries": 0}}, "status": {"observedGeneration": 4}}"#)
        schema.applyDefaults(to: &object)
        #expect(object[path: "spec", "kernel"] == ["modelID": "llama", "temperature": 0.7, "enabledPlugins": ["YouTubePlugin"]])
        #expect(object[path: "spec", "retry"] == ["maxRetries": 0, "initialDelaySeconds": 3])
        #expect(object["status"] == ["observedGeneration": 4])
    }

    @Test func arrayItemsAndMapValues() throws {
        let schema = try Fixtures.schema(channelLike)
        var object = try Fixtures.json(#"{"spec": {"components": [{"name": "api"}, {"name": "ml", "port": 9000, "autoscaling": {"enabled": false}}], "labels": {"a": null, "b": "kept"}}}"#)
        schema.applyDefaults(to: &object)
        #expect(object[path: "spec", "components"] == [
            ["name": "api", "port": 8080, "autoscaling": ["enabled": true]],
            ["name": "ml", "port": 9000, "autoscaling": ["enabled": false]],
        ])
        // A null map value that is not nullable gets the value schema's default.
        #expect(object[path: "spec", "labels"] == ["a": "x", "b": "kept"])
    }

    @Test func nullsAreDefaultedUnlessNullable() throws {
        let schema = try Fixtures.schema(channelLike)
        var object = try Fixtures.json(#"{"spec": {"suspend": null, "optional": null}}"#)
        schema.applyDefaults(to: &object)
        #expect(object[path: "spec", "suspend"] == false)
        #expect(object[path: "spec", "optional"] == .null)
    }

    @Test func defaultingIsIdempotent() throws {
        let schema = try Fixtures.schema(channelLike)
        var once = try Fixtures.json(#"{"spec": {"components": [{"name": "api"}]}}"#)
        schema.applyDefaults(to: &once)
        var twice = once
        schema.applyDefaults(to: &twice)
        #expect(once == twice)
    }
}
