import JSON
import KubeClient
import KubeReconcile
import Testing

/// Owner and object references built from JSON and typed objects.
struct ReferenceTests {
    struct Channel: KubernetesResource {
        static let resource = channelType
        var metadata: ObjectMeta
    }

    @Test func controllerReferencesComeFromTheOwnersIdentity() throws {
        let owner: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel",
                                "metadata": ["name": "c1", "namespace": "demo", "uid": "uid-c1"]]
        let reference = try OwnerReference.controller(of: owner)
        #expect(reference == OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: "c1", uid: "uid-c1",
                                            controller: true, blockOwnerDeletion: true))
        #expect(reference.json == ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "name": "c1", "uid": "uid-c1",
                                   "controller": true, "blockOwnerDeletion": true])

        var typed = Channel(metadata: ObjectMeta(name: "c1", namespace: "demo"))
        typed.metadata.uid = "uid-c1"
        #expect(try OwnerReference.controller(of: typed) == reference)
    }

    @Test func anOwnerNotYetCreatedCannotBeReferenced() {
        let unsaved: JSONValue = ["apiVersion": "kai.dev/v1alpha1", "kind": "Channel", "metadata": ["name": "c1", "namespace": "demo"]]
        #expect(throws: InvalidObjectError(object: "Channel demo/c1", field: "metadata.uid",
                                           reason: "required to reference the object as an owner")) {
            try OwnerReference.controller(of: unsaved)
        }
        #expect(throws: InvalidObjectError.self) {
            try OwnerReference.controller(of: Channel(metadata: ObjectMeta(name: "c1", namespace: "demo")))
        }
    }

    @Test func objectReferencesForEvents() throws {
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap",
                                 "metadata": ["name": "cm", "namespace": "demo", "uid": "u1", "resourceVersion": "7"]]
        let reference = try #require(ObjectReference(object: object))
        #expect(reference.json == ["apiVersion": "v1", "kind": "ConfigMap", "name": "cm", "namespace": "demo",
                                   "uid": "u1", "resourceVersion": "7"])
        #expect(reference.description == "ConfigMap demo/cm")
        #expect(ObjectReference(object: ["kind": "ConfigMap"]) == nil)
        let cluster = ObjectReference(resource: .namespaces, metadata: ObjectMeta(name: "demo", namespace: "ignored"))
        #expect(cluster?.namespace == nil)
    }

    @Test func inventoryEntriesNeedTheObjectsIdentity() throws {
        let entry = try InventoryEntry(of: configMap("cm"))
        #expect(entry == InventoryEntry(apiVersion: "v1", kind: "ConfigMap", namespace: "demo", name: "cm"))
        #expect(entry.group == "")
        #expect(entry.description == "ConfigMap demo/cm")
        #expect(throws: InvalidObjectError(object: "object <unnamed>", field: "apiVersion", reason: "required")) {
            try InventoryEntry(of: [:])
        }
        let encoded = try JSONValue(encoding: entry)
        #expect(encoded == ["apiVersion": "v1", "kind": "ConfigMap", "namespace": "demo", "name": "cm"])
    }
}
