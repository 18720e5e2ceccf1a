import Testing
import JSON
import KubePatch

@Suite struct PatchSchemaTests {
    static let crdSchema = """
    {"type":"object","properties":{
      "spec":{"type":"object","properties":{
        "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
        "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["port","protocol"],
          "items":{"type":"object","properties":{"port":{"type":"integer"},"protocol":{"type":"string","default":"TCP"}}}},
        "selector":{"type":"object","x-kubernetes-map-type":"atomic","additionalProperties":{"type":"string"}},
        "env":{"type":"object","additionalProperties":{"type":"object","properties":{"value":{"type":"string"}}}},
        "raw":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
        "args":{"type":"array","items":{"type":"string"}}}}}}
    """

    @Test func openAPISchemaAnswersFromTheExtensions() throws {
        let schema = OpenAPIPatchSchema(openAPIV3Schema: try json(Self.crdSchema))
        #expect(schema.listType(at: ["spec", "tags"]) == .set)
        #expect(schema.listType(at: ["spec", "ports"]) == .map(keys: ["port", "protocol"]))
        #expect(schema.listType(at: ["spec", "args"]) == .atomic)
        #expect(schema.listType(at: ["spec", "raw", "anything"]) == .atomic)
        #expect(schema.isAtomicMap(at: ["spec", "selector"]))
        #expect(!schema.isAtomicMap(at: ["spec", "env"]))
        #expect(schema.isDeclaredField(at: ["spec", "env"]))
        #expect(!schema.isDeclaredField(at: ["spec", "env", "FOO"]))
        #expect(schema.isDeclaredField(at: ["spec", "env", "FOO", "value"]))
        #expect(!schema.isDeclaredField(at: ["spec", "raw", "x"]))
        #expect(schema.defaultListMapKeyValue(at: ["spec", "ports"], key: "protocol") == "TCP")
        #expect(schema.listType(at: ["metadata", "finalizers"]) == .set)
        #expect(schema.listType(at: ["metadata", "ownerReferences"]) == .map(keys: ["uid"]))
        #expect(!schema.isDeclaredField(at: ["metadata", "labels", "app"]))
    }

    @Test func freeFormKeysWithObjectValuesAreOwnedAsMembers() throws {
        let schema = OpenAPIPatchSchema(openAPIV3Schema: try json(Self.crdSchema))
        let config = try json(#"{"spec":{"env":{"FOO":{"value":"1"}},"raw":{"a":{"b":1}},"ports":[{"port":80}],"tags":["x"]}}"#)
        #expect(FieldSet.of(config, schema: schema).fieldsV1.serialized()
                == #"{"f:spec":{"f:env":{"f:FOO":{".":{},"f:value":{}}},"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}},"f:raw":{"f:a":{".":{},"f:b":{}}},"f:tags":{"v:\"x\"":{}}}}"#)
    }

    @Test func builtinKindsDifferBetweenApplyAndStrategicMerge() {
        let job = BuiltinSchemas.schema(apiVersion: "batch/v1", kind: "Job")
        #expect(job.listType(at: ["status", "conditions"]) == .atomic)
        #expect(job.strategicListType(at: ["status", "conditions"]) == .map(keys: ["type"]))
        let deployment = BuiltinSchemas.schema(apiVersion: "apps/v1", kind: "Deployment")
        let ports = ["spec", "template", "spec", "containers", "ports"]
        #expect(deployment.listType(at: ports) == .map(keys: ["containerPort", "protocol"]))
        #expect(deployment.strategicListType(at: ports) == .map(keys: ["containerPort"]))
        #expect(deployment.listType(at: ["spec", "template", "spec", "tolerations"]) == .atomic)
        #expect(deployment.listType(at: ["spec", "template", "spec", "initContainers", "volumeMounts"]) == .map(keys: ["mountPath"]))
        #expect(deployment.isAtomicMap(at: ["spec", "selector"]))
        #expect(deployment.listType(at: ["status", "conditions"]) == .map(keys: ["type"]))
        let ingress = BuiltinSchemas.schema(apiVersion: "networking.k8s.io/v1", kind: "Ingress")
        #expect(ingress.listType(at: ["spec", "rules"]) == .atomic)
        let unknown = BuiltinSchemas.schema(apiVersion: "kai.dev/v1alpha1", kind: "Channel")
        #expect(unknown.listType(at: ["spec", "anything"]) == .atomic)
        #expect(unknown.listType(at: ["status", "conditions"]) == .map(keys: ["type"]))
        #expect(unknown.listType(at: ["metadata", "finalizers"]) == .set)
        #expect(unknown.emptyObject() == .emptyObject)
        #expect(!BuiltinSchemas.schema(apiVersion: "v1", kind: "Secret").isDeclaredField(at: ["stringData", "k"]))
    }

    /// A struct the applier owned part of goes as a whole when dropped,
    /// including fields defaulted into it that nobody owns.
    @Test func droppingAStructRemovesItsUnownedDefaults() throws {
        let schema = BuiltinSchemas.schema(apiVersion: "apps/v1", kind: "Deployment")
        let config = try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"strategy":{"type":"RollingUpdate"}}}"#)
        var live = try ServerSideApply.apply(config, to: nil, manager: "op", force: false, subresource: nil, schema: schema,
                                             now: "2026-11-22T09:00:00Z")
        live[path: "spec", "strategy", "rollingUpdate"] = ["maxSurge": "25%"]
        let dropped = try ServerSideApply.apply(
            try json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}}"#),
            to: live, manager: "op", force: false, subresource: nil, schema: schema, now: "2026-11-22T09:01:00Z")
        #expect(dropped["spec"] == ["replicas": 1])
    }

    @Test func entriesAreSortedByOperationTimeAndManager() throws {
        let schema = BuiltinSchemas.schema(apiVersion: "v1", kind: "ConfigMap")
        let live = try json("""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","managedFields":[
          {"manager":"b","operation":"Update","apiVersion":"v1","time":"2026-11-22T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:b":{}}}},
          {"manager":"a","operation":"Update","apiVersion":"v1","time":"2026-11-22T12:00:00+03:00","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}},
          {"manager":"z","operation":"Apply","apiVersion":"v1","time":"2026-11-22T11:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:z":{}}}}]},
         "data":{"a":"1","b":"2","z":"3"}}
        """)
        var new = live
        new[path: "data", "c"] = "4"
        let object = ServerSideApply.recordUpdate(old: live, new: new, manager: "c", subresource: nil, schema: schema,
                                                  now: "2026-11-22T11:30:00Z")
        #expect(try ManagedFieldsEntry.entries(of: object).map(\.manager) == ["z", "a", "b", "c"])
    }
}
