import JSON
import KubeClient
import KubeWatch
import Testing

/// Reading metadata from JSON objects, for the untyped path.
@Suite
struct DynamicSourceTests {
    @Test func readsEveryMetadataFieldTheCacheUses() throws {
        let object = try JSONValue(parsing: #"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"demo","uid":"u-1",
         "resourceVersion":"2049","generation":3,"generateName":"web-","creationTimestamp":"2026-11-22T07:40:19Z",
         "deletionTimestamp":"2026-11-22T08:00:00Z","deletionGracePeriodSeconds":30,
         "labels":{"tier":"gold"},"annotations":{"note":"x"},"finalizers":["kai.dev/cleanup"],
         "ownerReferences":[{"apiVersion":"kai.dev/v1alpha1","kind":"Channel","name":"c","uid":"u-c","controller":true,"blockOwnerDeletion":true}],
         "managedFields":[{"manager":"kubectl"}]}}
        """#)
        let meta = ObjectMeta(metadataOf: object)
        #expect(meta.name == "web")
        #expect(meta.namespace == "demo")
        #expect(meta.uid == "u-1")
        #expect(meta.resourceVersion == "2049")
        #expect(meta.generation == 3)
        #expect(meta.generateName == "web-")
        #expect(meta.creationTimestamp == "2026-11-22T07:40:19Z")
        #expect(meta.isBeingDeleted)
        #expect(meta.deletionGracePeriodSeconds == 30)
        #expect(meta.labels == ["tier": "gold"])
        #expect(meta.annotations == ["note": "x"])
        #expect(meta.finalizers == ["kai.dev/cleanup"])
        #expect(meta.controllerReference == OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: "c", uid: "u-c",
                                                           controller: true, blockOwnerDeletion: true))
        #expect(meta.managedFields == nil)   // never read: it is what the cache drops
    }

    @Test func wrongTypesAreLeftOutInsteadOfFailing() throws {
        let object = try JSONValue(parsing: #"{"metadata":{"name":7,"labels":"tier=gold","ownerReferences":[{"kind":"Channel"}],"generation":"x"}}"#)
        let meta = ObjectMeta(metadataOf: object)
        #expect(meta.name == nil)
        #expect(meta.labels == nil)
        #expect(meta.ownerReferences == [])
        #expect(meta.generation == nil)
        #expect(ObjectMeta(metadataOf: .null).name == nil)
    }

    @Test func removesManagedFieldsOnly() throws {
        let client = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let source = DynamicWatchSource(client: client, resource: .configMaps, namespace: "demo")
        var object: JSONValue = ["metadata": ["name": "cm", "managedFields": [["manager": "kubectl"]]], "data": ["k": "v"]]
        source.removeManagedFields(from: &object)
        #expect(object == ["metadata": ["name": "cm"], "data": ["k": "v"]])
        var bare: JSONValue = ["data": ["k": "v"]]
        source.removeManagedFields(from: &bare)
        #expect(bare == ["data": ["k": "v"]])   // no metadata object is invented
        #expect(source.description == "configmaps in namespace demo")
        #expect(DynamicWatchSource(client: client, resource: .namespaces).description == "namespaces")
    }
}
