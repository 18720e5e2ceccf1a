import KubeClient
import KubeReconcile
import Testing

struct ObjectKeyTests {
    @Test func keysPrintAndParseLikeCacheKeys() {
        #expect(ObjectKey(namespace: "demo", name: "a").description == "demo/a")
        #expect(ObjectKey(name: "cluster-wide").description == "cluster-wide")
        #expect(ObjectKey(namespace: "", name: "x").namespace == nil)
        #expect(ObjectKey(parsing: "demo/a") == ObjectKey(namespace: "demo", name: "a"))
        #expect(ObjectKey(parsing: "solo") == ObjectKey(name: "solo"))
        #expect(ObjectKey(parsing: "a/b/c") == nil)
        #expect(ObjectKey(parsing: "/a") == nil)
        #expect(ObjectKey(parsing: "") == nil)
    }

    @Test func keysComeFromMetadataWithAName() {
        #expect(ObjectKey(ObjectMeta(name: "a", namespace: "demo")) == ObjectKey(namespace: "demo", name: "a"))
        #expect(ObjectKey(ObjectMeta(namespace: "demo")) == nil)
    }

    @Test func ownerKeysFollowTheControllerReferenceOfTheOwningKind() {
        var meta = ObjectMeta(name: "child", namespace: "demo")
        meta.ownerReferences = [
            OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "not-controller", uid: "1"),
            OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: "c1", uid: "2", controller: true),
        ]
        #expect(Controller.ownerKey(of: meta, owner: channelType) == ObjectKey(namespace: "demo", name: "c1"))
        // Same kind name in another group is not the owner.
        let other = ResourceType(group: "other.dev", version: "v1", resource: "channels", kind: "Channel", namespaced: true)
        #expect(Controller.ownerKey(of: meta, owner: other) == nil)
        // A cluster-scoped owner gets a key without namespace.
        let clusterChannel = ResourceType(group: "kai.dev", version: "v1alpha1", resource: "channels", kind: "Channel", namespaced: false)
        #expect(Controller.ownerKey(of: meta, owner: clusterChannel) == ObjectKey(name: "c1"))
        meta.ownerReferences = [OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: "c1", uid: "2")]
        #expect(Controller.ownerKey(of: meta, owner: channelType) == nil)
    }
}
