import Testing
import JSON
import KubePatch

@Suite struct StrategicMergePatchTests {
    let deployment: JSONValue
    let schema = BuiltinSchemas.schema(apiVersion: "apps/v1", kind: "Deployment")

    /// The Deployment of 03-patch.md case 9, as stored (defaults applied).
    init() throws {
        deployment = try json("""
        {"kind":"Deployment","apiVersion":"apps/v1",
         "metadata":{"name":"web","namespace":"kt-patch","labels":{"app":"web"},"finalizers":["a"]},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{
           "containers":[
            {"name":"app","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"},
            {"name":"sidecar","image":"busybox:1.36","command":["sleep","infinity"],
             "resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
           "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
          "revisionHistoryLimit":10,"progressDeadlineSeconds":600},
         "status":{}}
        """)
    }

    var containers: JSONValue? { deployment[path: "spec", "template", "spec", "containers"] }

    /// 03-patch.md case 10: containers merge by name.
    @Test func mergesContainersByName() throws {
        let patch = try json(#"{"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        var expected = try #require(containers?.arrayValue)
        expected[0]["image"] = "nginx:1.27"
        #expect(result[path: "spec", "template", "spec", "containers"] == .array(expected))
        #expect(result[path: "spec", "replicas"] == 1)
    }

    /// 03-patch.md case 11: `$patch: delete` removes one env var.
    @Test func deleteDirectiveRemovesOneListItem() throws {
        let patch = try json("""
        {"spec": {"template": {"spec": {"containers": [{"name": "app", "env": [{"name": "B", "$patch": "delete"}]}]}}}}
        """)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        let merged = try #require(result[path: "spec", "template", "spec", "containers"]?.arrayValue)
        #expect(merged.count == 2)
        #expect(merged[0]["env"] == [["name": "A", "value": "1"]])
        #expect(merged[0]["image"] == "nginx:1.25")
        #expect(merged[1] == containers?[1])
    }

    @Test func newItemsComeBeforeServerOnlyItemsUnlessOrdered() throws {
        let patch = try json(#"{"spec":{"template":{"spec":{"containers":[{"name":"extra","image":"x"}]}}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        let names = result[path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["extra", "app", "sidecar"])

        let ordered = try json("""
        {"spec":{"template":{"spec":{
          "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"},{"name":"extra"}],
          "containers":[{"name":"extra","image":"x"}]}}}}
        """)
        let orderedResult = try StrategicMergePatch.apply(ordered, to: deployment, schema: schema)
        let orderedNames = orderedResult[path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(orderedNames == ["app", "sidecar", "extra"])
    }

    @Test func setElementOrderMustListThePatchItems() throws {
        let patch = try json("""
        {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"name":"extra","image":"x"}]}}}}
        """)
        let error = try #require(throws: PatchError.self) { try StrategicMergePatch.apply(patch, to: deployment, schema: schema) }
        #expect(error.code == 400)
        #expect(error.message.contains("doesn't match $setElementOrder list"))
    }

    @Test func replaceDirectiveMakesTheListExactlyThePatch() throws {
        let patch = try json(#"{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        #expect(result[path: "spec", "template", "spec", "containers"] == [["name": "only", "image": "x"]])
    }

    @Test func replaceAndDeleteDirectivesOnObjects() throws {
        let replace = try json(#"{"spec":{"strategy":{"$patch":"replace","type":"Recreate"}}}"#)
        let replaced = try StrategicMergePatch.apply(replace, to: deployment, schema: schema)
        #expect(replaced[path: "spec", "strategy"] == ["type": "Recreate"])
        let delete = try json(#"{"spec":{"strategy":{"$patch":"delete"}}}"#)
        #expect(try StrategicMergePatch.apply(delete, to: deployment, schema: schema)[path: "spec", "strategy"] == .emptyObject)
    }

    @Test func retainKeysClearsUnlistedKeys() throws {
        let patch = try json(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        #expect(result[path: "spec", "strategy"] == ["type": "Recreate"])
        let bad = try json(#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":1}}}}"#)
        let error = try #require(throws: PatchError.self) { try StrategicMergePatch.apply(bad, to: deployment, schema: schema) }
        #expect(error.message == "invalid patch format of retainKeys")
    }

    @Test func primitiveSetsMergeAndDeleteFromPrimitiveList() throws {
        let add = try json(#"{"metadata":{"finalizers":["b","a"]}}"#)
        #expect(try StrategicMergePatch.apply(add, to: deployment, schema: schema)[path: "metadata", "finalizers"] == ["b", "a"])
        let delete = try json(#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"#)
        #expect(try StrategicMergePatch.apply(delete, to: deployment, schema: schema)[path: "metadata", "finalizers"] == [])
        let nothing = try json(#"{"metadata":{"$deleteFromPrimitiveList/ownerReferences":[{"uid":"x"}]}}"#)
        #expect(try StrategicMergePatch.apply(nothing, to: deployment, schema: schema)[path: "metadata", "ownerReferences"] == nil)
    }

    @Test func atomicListsAreReplacedAndNullDeletes() throws {
        let patch = try json("""
        {"spec":{"revisionHistoryLimit":null,"template":{"spec":{"containers":[{"name":"sidecar","command":["true"]}]}}}}
        """)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        #expect(result[path: "spec", "revisionHistoryLimit"] == nil)
        #expect(result[path: "spec", "template", "spec", "containers"]?[1]?["command"] == ["true"])
    }

    @Test func servicePortsMergeByPort() throws {
        let service = try json(#"{"spec":{"ports":[{"port":80,"protocol":"TCP","targetPort":8080},{"port":443,"protocol":"TCP"}]}}"#)
        let patch = try json(#"{"spec":{"ports":[{"port":443,"targetPort":8443}]}}"#)
        let result = try StrategicMergePatch.apply(patch, to: service, schema: BuiltinSchemas.schema(apiVersion: "v1", kind: "Service"))
        #expect(result[path: "spec", "ports"] == [["port": 80, "protocol": "TCP", "targetPort": 8080],
                                                  ["port": 443, "protocol": "TCP", "targetPort": 8443]])
    }

    @Test func valuesTakenFromThePatchAreCleaned() throws {
        let patch = try json(#"{"spec":{"paused":{"x":null,"y":1},"template":{"spec":{"volumes":[{"name":"v","emptyDir":{}},{"name":"w","$patch":"delete"}]}}}}"#)
        let result = try StrategicMergePatch.apply(patch, to: deployment, schema: schema)
        #expect(result[path: "spec", "paused"] == ["y": 1])
        #expect(result[path: "spec", "template", "spec", "volumes"] == [["name": "v", "emptyDir": .emptyObject]])
    }

    @Test func malformedPatchesAreBadRequests() throws {
        let notObject = try #require(throws: PatchError.self) { try StrategicMergePatch.apply([1], to: deployment, schema: schema) }
        #expect(notObject.message == "json: cannot unmarshal array into Go value of type map[string]interface {}")
        let noKey = try #require(throws: PatchError.self) {
            try StrategicMergePatch.apply(try json(#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#), to: deployment, schema: schema)
        }
        #expect(noKey.message == #"map: {"image":"x"} does not contain declared merge key: name"#)
        let unknown = try #require(throws: PatchError.self) {
            try StrategicMergePatch.apply(try json(#"{"spec":{"$patch":"explode"}}"#), to: deployment, schema: schema)
        }
        #expect(unknown.message.hasPrefix("unknown patch type: \"explode\""))
        let mergeDirective = try #require(throws: PatchError.self) {
            try StrategicMergePatch.apply(try json(#"{"spec":{"template":{"spec":{"containers":[{"$patch":"merge"}]}}}}"#), to: deployment, schema: schema)
        }
        #expect(mergeDirective.message == "merging lists cannot yet be specified in the patch")
        #expect(try StrategicMergePatch.apply(.null, to: deployment, schema: schema) == deployment)
    }
}
