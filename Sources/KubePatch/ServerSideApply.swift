public import JSON

/// Server-side apply and field ownership (`metadata.managedFields`), with
/// the semantics of the API server's field manager and
/// sigs.k8s.io/structured-merge-diff.
///
/// The applied configuration is the manager's whole intent: fields it sets
/// are merged in and owned by it; fields it owned before and now omits are
/// removed unless another manager owns them; changing a field another
/// manager owns is a conflict unless forced. Other writes are recorded with
/// `recordUpdate`, which never conflicts and hands changed fields to the
/// writer.
///
/// - Important: these functions do not check preconditions, set system
///   metadata (uid, resourceVersion, generation), reset the fields a
///   subresource may not change, or default anything: that is the caller's.
public enum ServerSideApply {
    /// The operation in the managedFields entries `apply` writes.
    public static let applyOperation = "Apply"
    /// The operation in the managedFields entries `recordUpdate` writes.
    public static let updateOperation = "Update"

    /// `kubectl apply --server-side`, `PATCH` with `application/apply-patch+yaml`.
    ///
    /// - Parameters:
    ///   - config: the applied configuration (its `metadata.managedFields`
    ///     is ignored; `validate` rejects it as the server does).
    ///   - live: the stored object, nil when the apply creates it.
    ///   - manager: the `fieldManager`.
    ///   - force: take over conflicting fields instead of failing.
    ///   - subresource: `status` for applies to `/status`, recorded in the entry.
    ///   - now: the RFC 3339 time recorded when the object changes.
    ///   - resetFields: top-level paths the endpoint ignores and the caller
    ///     resets afterwards (`[["status"]]` on the main resource of a kind
    ///     with a status subresource, `[["spec"]]` on `/status`): they are
    ///     neither owned nor checked for conflicts.
    ///   - converter: converts the objects for managers whose entries are in
    ///     another API version (nil: compare them in the configuration's).
    /// - Returns: the merged object with `metadata.managedFields` updated.
    ///   When nothing but ownership changes, the live object is returned
    ///   with new managedFields (and the entry's time is left unset or unchanged).
    /// - Throws: `ApplyConflict` when `force` is false and fields owned by
    ///   other managers would change.
    public static func apply(_ config: JSONValue, to live: JSONValue?, manager: String, force: Bool,
                             subresource: String?, schema: some PatchSchema, now: String,
                             resetFields: [[String]] = [],
                             converter: (any VersionConverter)? = nil) throws(ApplyConflict) -> JSONValue {
        let walker = SchemaWalker(schema: schema)
        let reset = resetFields.map { FieldPath($0.map(PathElement.field)) }
        let applied = config.withoutManagedFields
        let liveObject = live?.withoutManagedFields ?? .emptyObject
        var managed = ManagedFields.decoded(from: live) ?? ManagedFields()
        let applier = ManagedFields.Manager(name: manager, operation: applyOperation, apiVersion: "",
                                            subresource: subresource)
        let apiVersion = applied["apiVersion"]?.stringValue ?? liveObject["apiVersion"]?.stringValue ?? ""

        var merged = walker.merge(liveObject, applied) ?? .emptyObject
        let lastSet = managed.fields[applier]?.set
        managed.fields[applier] = ManagedFields.Owned(set: walker.fieldSet(of: applied).removingPrefixes(reset),
                                                      apiVersion: apiVersion, applied: true)
        if let lastSet, !lastSet.isEmpty {
            merged = prune(merged, managed: managed, lastSet: lastSet, walker: walker)
        }
        merged = restoringSystemMetadata(of: liveObject, in: merged)
        _ = try update(from: liveObject, to: merged, apiVersion: apiVersion, managed: &managed, workflow: applier,
                       force: force, reset: reset, walker: walker, converter: converter)
        merged = walker.droppingNulls(setBy: applied, in: merged)
        managed.stripSystemFields(of: applier)
        let changed = merged != liveObject
        if changed { managed.times[applier] = now }
        managed.capUpdateManagers()
        return managed.encode(into: changed ? merged : liveObject)
    }

    /// The checks the API server makes on an apply request before merging.
    ///
    /// - Parameters:
    ///   - apiVersion: the API version of the endpoint (`apps/v1`).
    ///   - kind: the kind the endpoint serves (`Deployment`).
    /// - Throws: 400 BadRequest when the configuration is not an object, is
    ///   of another kind or version (`invalid object type: apps/v1, Kind=Foo`),
    ///   sets `metadata.managedFields` (`metadata.managedFields must be nil`),
    ///   or has list-map / set items with duplicate or missing keys.
    public static func validate(_ config: JSONValue, apiVersion: String, kind: String,
                                schema: some PatchSchema) throws(PatchError) {
        guard case .object = config else {
            throw .badRequest("error decoding YAML: apply configuration must be an object, not \(config.typeName)")
        }
        let configVersion = config["apiVersion"]?.stringValue ?? ""
        let configKind = config["kind"]?.stringValue ?? ""
        if configVersion != apiVersion || configKind != kind {
            throw .badRequest("invalid object type: \(groupVersionKind(configVersion, configKind))")
        }
        if let fields = config[path: "metadata", "managedFields"], !fields.isNull {
            throw .badRequest("metadata.managedFields must be nil")
        }
        if let problem = ListKeyValidator(schema: schema).firstProblem(in: config) {
            throw .badRequest("failed to create typed patch object (\(groupVersionKind(apiVersion, kind))): \(problem)")
        }
    }

    /// `apps/v1, Kind=Deployment`; `/v1, Kind=ConfigMap` for the core group.
    static func groupVersionKind(_ apiVersion: String, _ kind: String) -> String {
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let version = apiVersion.contains("/") ? String(apiVersion.split(separator: "/").last ?? "") : apiVersion
        return "\(group)/\(version), Kind=\(kind)"
    }

    /// Removes what `lastSet` owned and the new configuration no longer
    /// does, unless another manager owns it (structured-merge-diff's prune,
    /// addBackOwnedItems and addBackDanglingItems).
    static func prune<S>(_ merged: JSONValue, managed: ManagedFields, lastSet: FieldSet,
                         walker: SchemaWalker<S>) -> JSONValue {
        let last = walker.ensuringNamedFields(lastSet)
        var pruned = walker.removing(last, from: merged)

        var owned = FieldSet()
        for entry in managed.fields.values { owned.formUnion(entry.set) }
        let mergedSet = walker.ensuringNamedFields(walker.fieldSet(of: merged))
        var prunedSet = walker.ensuringNamedFields(walker.fieldSet(of: pruned))
        let ownedSet = walker.ensuringNamedFields(owned)
        pruned = walker.removing(mergedSet.subtracting(prunedSet.union(ownedSet)), from: merged)

        prunedSet = walker.ensuringNamedFields(walker.fieldSet(of: pruned))
        return walker.removing(mergedSet.subtracting(prunedSet).intersection(last), from: merged)
    }

    /// Metadata the API server maintains itself survives whatever the
    /// configuration says or pruning removes.
    static func restoringSystemMetadata(of live: JSONValue, in merged: JSONValue) -> JSONValue {
        guard case .object(let liveMetadata)? = live["metadata"] else { return merged }
        var metadata = merged["metadata"] ?? .emptyObject
        for key in ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                    "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] {
            if let value = liveMetadata[key] { metadata[key] = value }
        }
        var result = merged
        result["metadata"] = metadata
        return result
    }

    /// structured-merge-diff's `update`: fields that changed between `old`
    /// and `new` are taken from every manager but `workflow` (a conflict
    /// unless `force`), removed fields are released by everyone. Managers
    /// whose entries are in another API version than `apiVersion` are
    /// compared on both objects converted to their version by `converter`.
    static func update<S>(from old: JSONValue, to new: JSONValue, apiVersion: String, managed: inout ManagedFields,
                          workflow: ManagedFields.Manager, force: Bool, reset: [FieldPath],
                          walker: SchemaWalker<S>, converter: (any VersionConverter)?) throws(ApplyConflict) -> Comparison {
        let requestComparison = walker.compare(old, new).removingPrefixes(reset)
        var byVersion: [String: Comparison] = [apiVersion: requestComparison]
        func comparison(inVersion version: String) -> Comparison {
            if let known = byVersion[version] { return known }
            var result = requestComparison
            if let converter, let oldVersioned = converter.converted(old, to: version),
               let newVersioned = converter.converted(new, to: version) {
                result = compare(oldVersioned.object, newVersioned.object, schema: newVersioned.schema)
                    .removingPrefixes(reset)
            }
            byVersion[version] = result
            return result
        }
        var conflicts: [ManagedFields.Manager: FieldSet] = [:]
        var removed: [ManagedFields.Manager: FieldSet] = [:]
        for (manager, owned) in managed.fields where manager != workflow {
            let versioned = comparison(inVersion: owned.apiVersion)
            let conflict = owned.set.intersection(versioned.modified.union(versioned.added))
            if !conflict.isEmpty { conflicts[manager] = conflict }
            if !versioned.removed.isEmpty { removed[manager] = versioned.removed }
        }
        if !force && !conflicts.isEmpty { throw ApplyConflict(conflicts) }
        for (manager, taken) in conflicts.merging(removed, uniquingKeysWith: { $0.union($1) }) {
            if var owned = managed.fields[manager] {
                owned.set = owned.set.subtracting(taken)
                managed.fields[manager] = owned
            }
        }
        managed.dropEmpty()
        return requestComparison
    }

    /// Opens an existential schema for a walker.
    private static func compare(_ old: JSONValue, _ new: JSONValue, schema: some PatchSchema) -> Comparison {
        SchemaWalker(schema: schema).compare(old, new)
    }
}
