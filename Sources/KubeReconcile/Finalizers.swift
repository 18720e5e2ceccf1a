public import JSON
public import KubeClient
import KubeWatch

/// Adds and removes finalizers with JSON patches that cannot clobber other controllers'
/// finalizers (a plain update or merge patch of `metadata.finalizers` would overwrite a list
/// that changed since it was read).
///
/// ## Guarantees
/// - **Add**: `test` that `metadata.finalizers` is still the list that was read (or, when
///   there was none, that `metadata.resourceVersion` is unchanged), then `add` to its end.
/// - **Remove**: for each occurrence, `test` that the element at that index is still ours,
///   then `remove` it (highest index first, so the others stay valid).
/// - A failed `test` (422) or a conflict (409) re-reads the object and tries again, up to
///   `maxAttempts` times; so do concurrent writers' patches, and nobody's finalizer is lost.
///
/// ## Errors
/// The API error of the last attempt; ``KubeError/configuration(_:)`` when the object has no
/// name or (for an add to an object without finalizers) no resourceVersion.
public enum Finalizers {
    /// The JSON patch adding `finalizer`; nil when it is already present.
    /// - Throws: ``KubeError/configuration(_:)`` when there is no list and no resourceVersion to guard the add.
    public static func addPatch(_ finalizer: String, to metadata: ObjectMeta) throws(KubeError) -> [JSONValue]? {
        if let current = metadata.finalizers {
            guard !current.contains(finalizer) else { return nil }
            return [
                ["op": "test", "path": "/metadata/finalizers", "value": .array(current.map(JSONValue.string))],
                ["op": "add", "path": "/metadata/finalizers/-", "value": .string(finalizer)],
            ]
        }
        guard let resourceVersion = metadata.resourceVersion, !resourceVersion.isEmpty else {
            throw .configuration("cannot add finalizer \(finalizer) to \(metadata.name ?? "<unnamed>"): metadata.resourceVersion is required to guard the patch")
        }
        return [
            ["op": "test", "path": "/metadata/resourceVersion", "value": .string(resourceVersion)],
            ["op": "add", "path": "/metadata/finalizers", "value": [.string(finalizer)]],
        ]
    }

    /// The JSON patch removing every occurrence of `finalizer`; nil when it is absent.
    public static func removePatch(_ finalizer: String, from metadata: ObjectMeta) -> [JSONValue]? {
        let indices = (metadata.finalizers ?? []).indices.filter { metadata.finalizers?[$0] == finalizer }
        guard !indices.isEmpty else { return nil }
        return indices.reversed().flatMap { index -> [JSONValue] in
            [["op": "test", "path": .string("/metadata/finalizers/\(index)"), "value": .string(finalizer)],
             ["op": "remove", "path": .string("/metadata/finalizers/\(index)")]]
        }
    }

    /// Adds `finalizer` to an object held as JSON.
    /// - Parameter object: the object as last read (from the cache is fine).
    /// - Returns: the object as the server has it afterwards.
    public static func add(_ finalizer: String, to object: JSONValue, resource: ResourceType, client: KubeClient,
                           maxAttempts: Int = 5) async throws(KubeError) -> JSONValue {
        try await update(object, resource: resource, client: client, maxAttempts: maxAttempts) { meta throws(KubeError) in
            try addPatch(finalizer, to: meta)
        } ?? object
    }

    /// Removes `finalizer` from an object held as JSON.
    /// - Returns: the object afterwards, or nil when it is gone (removing the last finalizer of
    ///   an object being deleted deletes it).
    public static func remove(_ finalizer: String, from object: JSONValue, resource: ResourceType, client: KubeClient,
                              maxAttempts: Int = 5) async throws(KubeError) -> JSONValue? {
        do {
            return try await update(object, resource: resource, client: client, maxAttempts: maxAttempts) { meta in
                removePatch(finalizer, from: meta)
            } ?? object
        } catch where error.isNotFound {
            return nil
        }
    }

    /// Adds `finalizer` to a typed object.
    public static func add<T: KubernetesResource>(_ finalizer: String, to object: T, client: KubeClient,
                                                  maxAttempts: Int = 5) async throws(KubeError) -> T {
        let result = try await add(finalizer, to: try json(object), resource: T.resource, client: client, maxAttempts: maxAttempts)
        return try typed(result, as: T.self)
    }

    /// Removes `finalizer` from a typed object; nil when the object is gone afterwards.
    public static func remove<T: KubernetesResource>(_ finalizer: String, from object: T, client: KubeClient,
                                                     maxAttempts: Int = 5) async throws(KubeError) -> T? {
        guard let result = try await remove(finalizer, from: try json(object), resource: T.resource, client: client,
                                            maxAttempts: maxAttempts) else { return nil }
        return try typed(result, as: T.self)
    }

    /// Patches with the ops `makePatch` computes from the current metadata, re-reading after a
    /// failed `test` or a conflict. Returns nil when there was nothing to do.
    static func update(_ object: JSONValue, resource: ResourceType, client: KubeClient, maxAttempts: Int,
                       makePatch: (ObjectMeta) throws(KubeError) -> [JSONValue]?) async throws(KubeError) -> JSONValue? {
        var current = object
        var attempt = 0
        while true {
            attempt += 1
            let meta = ObjectMeta(metadataOf: current)
            guard let name = meta.name, !name.isEmpty else {
                throw .configuration("cannot patch the finalizers of a \(resource.kind) without metadata.name")
            }
            guard let ops = try makePatch(meta) else {
                // Nothing to do; after a re-read, the fresh object is the answer.
                if attempt == 1 { return nil }
                return current
            }
            do {
                return try await client.patch(resource, name: name, namespace: meta.namespace, .json(ops))
            } catch where (error.isInvalid || error.isConflict) && attempt < max(1, maxAttempts) {
                // A failed `test` is a 422 with a generic message: the list or version moved on.
                current = try await client.get(resource, name: name, namespace: meta.namespace)
            }
        }
    }

    static func json<T: KubernetesResource>(_ object: T) throws(KubeError) -> JSONValue {
        var value: JSONValue
        do { value = try JSONValue(encoding: object) } catch {
            throw .configuration("cannot encode \(T.resource.kind) \(object.metadata.name ?? ""): \(error)")
        }
        // Typed objects may omit them; the patch helpers only need metadata, the result decoding needs them.
        if value["apiVersion"] == nil { value["apiVersion"] = .string(T.resource.apiVersion) }
        if value["kind"] == nil { value["kind"] = .string(T.resource.kind) }
        return value
    }

    static func typed<T: KubernetesResource>(_ value: JSONValue, as type: T.Type) throws(KubeError) -> T {
        do { return try value.decode(T.self) } catch {
            throw .decoding(url: T.resource.path(namespace: value[path: "metadata", "namespace"]?.stringValue,
                                                 name: value[path: "metadata", "name"]?.stringValue),
                            path: "", message: "\(error)")
        }
    }
}
