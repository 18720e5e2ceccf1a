public import JSON
public import KubeClient
import KubeWatch

/// Writes an object's `status` subresource with optimistic concurrency and retries on
/// conflict (client-go's `RetryOnConflict`).
///
/// Each attempt sends a merge patch of only what changed in `status`, together with
/// `metadata.resourceVersion` as a precondition, so a concurrent writer is never overwritten:
/// the server answers 409, the object is read again and `mutate` runs again on the fresh copy.
///
/// ```swift
/// try await StatusUpdater.update(.channels, name: "c1", namespace: "demo", client: client, current: cached) { status, object in
///     status["observedGeneration"] = object[path: "metadata", "generation"]
/// }
/// ```
public enum StatusUpdater {
    /// Updates the status of an object held as JSON.
    /// - Parameters:
    ///   - current: the object as last read (a cache copy saves a GET); nil reads it first.
    ///   - maxAttempts: tries before the last conflict is thrown (client-go: 5).
    ///   - backoff: wait between attempts (client-go: 10 ms), on `clock`.
    ///   - mutate: changes `status` (an empty object when the object has none) given the whole
    ///     object; may run several times, so it must only depend on its arguments.
    /// - Returns: the object after the write, or as read when nothing changed (no write).
    /// - Throws: the client's ``KubeError`` (a 409 after `maxAttempts`), or what `mutate` throws.
    @discardableResult
    public static func update(_ resource: ResourceType, name: String, namespace: String?, client: KubeClient,
                              current: JSONValue? = nil, maxAttempts: Int = 5, backoff: Duration = .milliseconds(10),
                              clock: any Clock<Duration> = ContinuousClock(),
                              mutate: (inout JSONValue, JSONValue) throws -> Void) async throws -> JSONValue {
        var object: JSONValue
        if let current { object = current } else { object = try await client.get(resource, name: name, namespace: namespace) }
        var attempt = 0
        while true {
            attempt += 1
            let before = object["status"] ?? .emptyObject
            var after = before
            try mutate(&after, object)
            guard let changes = MergePatch.diff(from: before, to: after) else { return object }
            var patch: JSONValue = ["status": changes]
            if let version = object[path: "metadata", "resourceVersion"]?.stringValue {
                patch[path: "metadata", "resourceVersion"] = .string(version)
            }
            let written: Result<JSONValue, KubeError>
            do {
                written = .success(try await client.patch(resource, name: name, namespace: namespace, .merge(patch),
                                                          subresource: "status"))
            } catch {
                written = .failure(error)
            }
            switch written {
            case .success(let value):
                return value
            case .failure(let error) where error.isConflict && attempt < max(1, maxAttempts):
                try await clock.sleep(for: backoff)
                object = try await client.get(resource, name: name, namespace: namespace)
            case .failure(let error):
                throw error
            }
        }
    }

    /// Updates the status of a typed object: `mutate` changes a copy of the object (its
    /// `status`), and only what changed in the typed status is written, so status fields the
    /// type does not model (written by someone else) are left alone.
    /// - Returns: the object after the write, or `current` when nothing changed.
    @discardableResult
    public static func update<T: KubernetesResource>(_ current: T, client: KubeClient, maxAttempts: Int = 5,
                                                     backoff: Duration = .milliseconds(10),
                                                     clock: any Clock<Duration> = ContinuousClock(),
                                                     mutate: (inout T) throws -> Void) async throws -> T {
        guard let name = current.metadata.name, !name.isEmpty else {
            throw InvalidObjectError(object: T.resource.kind, field: "metadata.name", reason: "required to update the status")
        }
        let written = try await update(T.resource, name: name, namespace: current.metadata.namespace, client: client,
                                       current: try Finalizers.json(current), maxAttempts: maxAttempts, backoff: backoff,
                                       clock: clock) { status, object in
            var typed = try object.decode(T.self)
            let before = try JSONValue(encoding: typed)["status"]
            try mutate(&typed)
            let after = try JSONValue(encoding: typed)["status"] ?? .emptyObject
            if let changes = MergePatch.diff(from: before, to: after) {
                status = MergePatch.apply(changes, to: status)
            }
        }
        return try Finalizers.typed(written, as: T.self)
    }
}
