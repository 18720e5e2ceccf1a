public import JSON
public import KubeClient

extension ObjectMeta {
    /// The metadata of an object held as JSON, read field by field (cheaper than decoding,
    /// and `managedFields`, usually the bulk of it, is skipped).
    ///
    /// Fields of the wrong type are left nil rather than failing: a watcher must keep going.
    public init(metadataOf object: JSONValue) {
        let meta = object["metadata"] ?? .emptyObject
        self.init(name: meta["name"]?.stringValue, namespace: meta["namespace"]?.stringValue,
                  labels: Self.strings(meta["labels"]), annotations: Self.strings(meta["annotations"]))
        generateName = meta["generateName"]?.stringValue
        uid = meta["uid"]?.stringValue
        resourceVersion = meta["resourceVersion"]?.stringValue
        generation = meta["generation"]?.intValue
        creationTimestamp = meta["creationTimestamp"]?.stringValue
        deletionTimestamp = meta["deletionTimestamp"]?.stringValue
        deletionGracePeriodSeconds = meta["deletionGracePeriodSeconds"]?.intValue
        finalizers = meta["finalizers"]?.arrayValue?.compactMap(\.stringValue)
        ownerReferences = meta["ownerReferences"]?.arrayValue?.compactMap { ref -> OwnerReference? in
            guard let apiVersion = ref["apiVersion"]?.stringValue, let kind = ref["kind"]?.stringValue,
                  let name = ref["name"]?.stringValue, let uid = ref["uid"]?.stringValue else { return nil }
            return OwnerReference(apiVersion: apiVersion, kind: kind, name: name, uid: uid,
                                  controller: ref["controller"]?.boolValue,
                                  blockOwnerDeletion: ref["blockOwnerDeletion"]?.boolValue)
        }
    }

    private static func strings(_ value: JSONValue?) -> [String: String]? {
        guard let object = value?.objectValue else { return nil }
        var out: [String: String] = [:]
        for (key, value) in object { out[key] = value.stringValue ?? "" }
        return out
    }
}
