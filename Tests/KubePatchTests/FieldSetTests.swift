import Testing
import JSON
import KubePatch

@Suite struct FieldSetTests {
    /// fieldsV1 blobs from the transcripts, compact, in the server's key order.
    static let transcriptFieldsV1 = [
        #"{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:team":{}}},"f:spec":{".":{},"f:color":{},"f:size":{}}}"#,
        #"{"f:metadata":{"f:labels":{"f:owner":{}}},"f:spec":{"f:color":{},"f:size":{}}}"#,
        #"{"f:data":{".":{},"f:k":{}}}"#,
        #"{"f:spec":{"f:internalTrafficPolicy":{},"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:protocol":{},"f:targetPort":{}}},"f:selector":{},"f:sessionAffinity":{},"f:type":{}}}"#,
        #"{"f:status":{".":{},"f:conditions":{".":{},"k:{\"type\":\"Progressing\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}},"k:{\"type\":\"Ready\"}":{".":{},"f:lastTransitionTime":{},"f:message":{},"f:observedGeneration":{},"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{}}}"#,
        #"{"f:spec":{"f:conversion":{".":{},"f:strategy":{}},"f:group":{},"f:names":{"f:kind":{},"f:listKind":{},"f:plural":{},"f:shortNames":{},"f:singular":{}},"f:scope":{},"f:versions":{}}}"#,
        DeploymentFixture.createdFieldsV1,
    ]

    @Test(arguments: transcriptFieldsV1)
    func fieldsV1RoundTripsByteForByte(_ text: String) throws {
        let set = try FieldSet(fieldsV1: try json(text))
        #expect(set.fieldsV1.serialized() == text)
        #expect(try FieldSet(fieldsV1: set.fieldsV1) == set)
    }

    @Test func decodesMembersAndParents() throws {
        let set = try FieldSet(fieldsV1: try json(#"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"a\"}":{".":{},"f:image":{}}}}}"#))
        #expect(set.paths.map(\.description) == [
            ".metadata.labels", ".metadata.labels.app",
            ".spec.containers[name=\"a\"]", ".spec.containers[name=\"a\"].image",
        ])
        #expect(set.contains(FieldPath(fields: "metadata", "labels")))
        #expect(!set.contains(FieldPath(fields: "metadata")))
        #expect(set.count == 4)
    }

    @Test func valuesAndIndexesRoundTrip() throws {
        let text = #"{"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}},"f:list":{"i:0":{},"i:2":{}}}"#
        let set = try FieldSet(fieldsV1: try json(text))
        #expect(set.fieldsV1.serialized() == text)
        #expect(set.contains([.field("finalizers"), .value("b")]))
        #expect(FieldPath([.field("finalizers"), .value("b")]).description == #".finalizers[="b"]"#)
    }

    @Test func numericKeysSortNumerically() {
        let set = FieldSet(paths: [
            [.field("ports"), .key([("port", 443), ("protocol", "TCP")])],
            [.field("ports"), .key([("protocol", "TCP"), ("port", 80)])],
        ])
        #expect(set.fieldsV1.serialized()
                == #"{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{},"k:{\"port\":443,\"protocol\":\"TCP\"}":{}}}"#)
    }

    @Test func setOperationsArePathwise() {
        let a = FieldSet(paths: [FieldPath(fields: "spec"), FieldPath(fields: "spec", "size"), FieldPath(fields: "spec", "color")])
        let b = FieldSet(paths: [FieldPath(fields: "spec"), FieldPath(fields: "spec", "color"), FieldPath(fields: "status")])
        #expect(a.subtracting(b).paths == [FieldPath(fields: "spec", "size")])
        #expect(a.intersection(b).paths == [FieldPath(fields: "spec"), FieldPath(fields: "spec", "color")])
        #expect(a.union(b).count == 4)
        #expect(a.subtracting(a).isEmpty)
        #expect(FieldSet().fieldsV1 == .emptyObject)
    }

    @Test func unknownKeyKindsAreSkippedAndMalformedOnesRejected() throws {
        let skipped = try FieldSet(fieldsV1: try json(#"{"f:a":{},"x:future":{}}"#))
        #expect(skipped.paths == [FieldPath(fields: "a")])
        let badKey = try #require(throws: PatchError.self) { try FieldSet(fieldsV1: try json(#"{"f:spec":{"k:{not json":{}}}"#)) }
        #expect(badKey.message.contains("invalid fieldsV1 key"))
        #expect(badKey.message.contains(".spec"))
        let badValue = try #require(throws: PatchError.self) { try FieldSet(fieldsV1: try json(#"{"f:spec":1}"#)) }
        #expect(badValue.message == "fieldsV1 entry .spec must be an object, not integer")
        #expect(throws: PatchError.self) { try FieldSet(fieldsV1: "text") }
        #expect(throws: PatchError.self) { try FieldSet(fieldsV1: try json(#"{"i:x":{}}"#)) }
    }

    @Test func fieldSetOfAnObjectFollowsTheSchema() throws {
        let schema = BuiltinSchemas.schema(apiVersion: "v1", kind: "ConfigMap")
        let object = try json(#"{"metadata":{"labels":{"a":"b"},"finalizers":["x"]},"data":{"k":"v"},"other":{"nested":{}}}"#)
        let set = FieldSet.of(object, schema: schema)
        #expect(set.fieldsV1.serialized()
                == #"{"f:data":{"f:k":{}},"f:metadata":{"f:finalizers":{"v:\"x\"":{}},"f:labels":{"f:a":{}}},"f:other":{"f:nested":{}}}"#)
    }

    @Test func managedFieldsEntryDecodesEncodesAndCodes() throws {
        let text = #"{"manager":"widget-controller","operation":"Apply","apiVersion":"demo.example.com/v1","time":"2026-11-22T07:40:19Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:observedGeneration":{}}},"subresource":"status"}"#
        let entry = try ManagedFieldsEntry(json: try json(text))
        #expect(entry.manager == "widget-controller")
        #expect(entry.subresource == "status")
        #expect(entry.json.serialized() == text)
        #expect(try entry.fieldSet().paths == [FieldPath(fields: "status", "observedGeneration")])
        let viaCodable = try JSONValue(encoding: entry).decode(ManagedFieldsEntry.self)
        #expect(viaCodable == entry)
        let bad = ManagedFieldsEntry(manager: "m", operation: "Update", apiVersion: "v1", time: nil, fieldsType: "FieldsV2", fieldsV1: .emptyObject)
        #expect(throws: PatchError.self) { try bad.fieldSet() }
        #expect(throws: PatchError.self) { try ManagedFieldsEntry(json: ["manager": 1]) }
    }
}

/// The Deployment of 03-patch.md case 9 and the managedFields its create recorded.
enum DeploymentFixture {
    static let created = """
    {"kind":"Deployment","apiVersion":"apps/v1",
     "metadata":{"name":"web","namespace":"kt-patch","uid":"ce8eeb6d-3b23-46b6-be6e-280fc1ecd721","resourceVersion":"1994",
      "generation":1,"creationTimestamp":"2026-11-22T07:40:18Z","labels":{"app":"web"}},
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
    """

    static let createdFieldsV1 = #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"B\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}},"k:{\"name\":\"sidecar\"}":{".":{},"f:command":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}"#
}
