@testable import KubeCache
import KubeClient
import Testing

@Suite
struct StoreTests {
    static func makeStore(indexers: [IndexName: Store<Widget>.IndexFunction] = [:]) -> Store<Widget> {
        Store<Widget>(metadata: { $0.metadata }, indexers: indexers)
    }

    @Test func keysAreNamespaceSlashName() {
        #expect(Store<Widget>.key(namespace: "demo", name: "a") == "demo/a")
        #expect(Store<Widget>.key(namespace: nil, name: "node-1") == "node-1")
        #expect(Store<Widget>.key(namespace: "", name: "node-1") == "node-1")
    }

    @Test func getAndListByKeyNamespaceAndSelector() throws {
        let store = Self.makeStore()
        store.upsert(Widget("b", rv: "1", labels: ["tier": "gold"]))
        store.upsert(Widget("a", rv: "2", labels: ["tier": "silver"]))
        store.upsert(Widget("a", namespace: "other", rv: "3", labels: ["tier": "gold"]))

        #expect(store.get("demo/a")?.tag == "a@2")
        #expect(store.get(name: "a", namespace: "other")?.tag == "a@3")
        #expect(store.get("nope/a") == nil)
        #expect(store.count == 3)
        #expect(store.keys == ["demo/a", "demo/b", "other/a"])
        #expect(store.list().map(\.tag) == ["a@2", "b@1", "a@3"])
        #expect(store.list(namespace: "demo").map(\.tag) == ["a@2", "b@1"])
        #expect(store.list(namespace: "empty").isEmpty)
        #expect(try store.list(labelSelector: "tier=gold").map(\.tag) == ["b@1", "a@3"])
        #expect(try store.list(namespace: "demo", labelSelector: "tier in (gold,silver),tier!=silver").map(\.tag) == ["b@1"])
        #expect(throws: LabelSelectorError.self) { try store.list(labelSelector: "tier in gold") }
    }

    @Test func builtInIndexesFollowUpdatesAndRemovals() throws {
        let store = Self.makeStore()
        store.upsert(Widget("child-1", rv: "1", owner: "chan"))
        store.upsert(Widget("child-2", namespace: "other", rv: "2", owner: "chan"))
        store.upsert(Widget("orphan", rv: "3"))

        #expect(try store.list(index: .controllerUID, value: "uid-chan").map(\.tag) == ["child-1@1", "child-2@2"])
        #expect(try store.keys(index: .namespace, value: "other") == ["other/child-2"])
        #expect(try store.values(index: .namespace) == ["demo", "other"])

        store.upsert(Widget("child-1", rv: "4", owner: "another"))   // re-parented
        #expect(try store.keys(index: .controllerUID, value: "uid-chan") == ["other/child-2"])
        #expect(try store.keys(index: .controllerUID, value: "uid-another") == ["demo/child-1"])

        store.remove("other/child-2")
        #expect(try store.keys(index: .controllerUID, value: "uid-chan").isEmpty)
        #expect(try store.values(index: .namespace) == ["demo"])
    }

    @Test func ownerReferencesThatAreNotControllersAreNotIndexed() throws {
        let store = Self.makeStore()
        var widget = Widget("w", rv: "1")
        widget.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "cm", uid: "uid-cm")]
        store.upsert(widget)
        #expect(try store.values(index: .controllerUID).isEmpty)
    }

    @Test func userDefinedIndexes() throws {
        let store = Self.makeStore(indexers: ["size": { ["\($0.spec?.size ?? 0)"] },
                                             "labels": { ($0.metadata.labels ?? [:]).map { "\($0.key)=\($0.value)" } }])
        store.upsert(Widget("a", rv: "1", size: 3, labels: ["x": "1", "y": "2"]))
        store.upsert(Widget("b", rv: "2", size: 3, labels: ["x": "1"]))
        store.upsert(Widget("c", rv: "3", size: 5))

        #expect(try store.list(index: "size", value: "3").map(\.tag) == ["a@1", "b@2"])
        #expect(try store.list(index: "labels", value: "x=1").map(\.tag) == ["a@1", "b@2"])
        #expect(try store.keys(index: "labels", value: "y=2") == ["demo/a"])
        #expect(store.indexNames == ["controller-uid", "labels", "namespace", "size"])
    }

    @Test func unknownIndexIsAnErrorNamingTheKnownOnes() {
        let store = Self.makeStore()
        #expect(throws: StoreError.unknownIndex("colour", known: [.controllerUID, .namespace])) {
            try store.list(index: "colour", value: "red")
        }
        #expect(StoreError.unknownIndex("colour", known: [.namespace, .controllerUID]).description
            == "the cache has no index \"colour\" (indexes: controller-uid, namespace)")
    }
}

extension StoreTests {
    @Test func replaceSwapsEverythingAndReportsTheDifference() {
        let store = Self.makeStore()
        store.upsert(Widget("kept", rv: "1"))
        store.upsert(Widget("changed", rv: "2", owner: "chan"))
        store.upsert(Widget("gone", rv: "3", owner: "chan"))

        let result = store.replace(with: [Widget("kept", rv: "1"), Widget("changed", rv: "7"), Widget("new", rv: "8")])
        #expect(result.added.map(\.object.tag) == ["new@8"])
        #expect(result.updated.map { "\($0.old.object.tag) -> \($0.new.object.tag)" } == ["changed@2 -> changed@7"])
        #expect(result.unchanged == 1)
        #expect(result.deleted.map(\.object.tag) == ["gone@3"])
        #expect(store.keys == ["demo/changed", "demo/kept", "demo/new"])
        // Indexes are rebuilt with the contents.
        #expect((try? store.keys(index: .controllerUID, value: "uid-chan")) == [])
    }
}

extension StoreTests {
    @Test func contentsAreBuiltEntryByEntryThenSwappedIn() throws {
        let store = Self.makeStore()
        store.upsert(Widget("old", rv: "1"))
        var contents = Store<Widget>.Contents()
        store.insert(Widget("b", rv: "2", owner: "chan"), into: &contents)
        store.insert(Widget("a", rv: "3"), into: &contents)
        // A key listed twice keeps its first place and its last value; its first index values go.
        store.insert(Widget("b", rv: "4"), into: &contents)
        #expect(contents.count == 2)
        // Nothing is visible before the swap.
        #expect(store.keys == ["demo/old"])

        let result = store.replace(with: contents)
        #expect(result.added.map(\.object.tag) == ["b@4", "a@3"])
        #expect(result.deleted.map(\.object.tag) == ["old@1"])
        #expect(store.list().map(\.tag) == ["a@3", "b@4"])
        #expect(try store.keys(index: .controllerUID, value: "uid-chan") == [])
        #expect(try store.keys(index: .namespace, value: "demo") == ["demo/a", "demo/b"])
    }
}
