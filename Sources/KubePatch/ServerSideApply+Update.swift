public import JSON

extension ServerSideApply {
    /// Field ownership for a write that is not an apply (create, update,
    /// merge/JSON/strategic patch): `manager` becomes the owner of every
    /// field it added or changed, taking them from other managers (updates
    /// never conflict); removed fields are released by everyone.
    ///
    /// As on the API server, managedFields the writer sends along are
    /// honoured (`[]` resets them); without them the live ones are kept.
    /// Writes to a subresource always keep the live ones. An update of an
    /// object that has no managedFields is not tracked.
    ///
    /// - Parameters:
    ///   - old: the stored object, nil for a create.
    ///   - new: the object about to be stored.
    ///   - manager: the `fieldManager` (or the User-Agent up to its first `/`).
    ///   - subresource: `status` for writes to `/status`, recorded in the entry.
    ///   - now: the RFC 3339 time recorded when the manager changed something.
    ///   - resetFields: top-level paths the endpoint ignores (see `apply`).
    ///   - converter: converts the objects for managers whose entries are in
    ///     another API version (see `apply`).
    /// - Returns: `new` with `metadata.managedFields` updated.
    public static func recordUpdate(old: JSONValue?, new: JSONValue, manager: String, subresource: String?,
                                    schema: some PatchSchema, now: String,
                                    resetFields: [[String]] = [],
                                    converter: (any VersionConverter)? = nil) -> JSONValue {
        let walker = SchemaWalker(schema: schema)
        let reset = resetFields.map { FieldPath($0.map(PathElement.field)) }
        let newObject = new.withoutManagedFields
        var managed = baseManagedFields(old: old, new: new, isSubresource: subresource != nil)
        if old != nil && managed.fields.isEmpty { return newObject }

        let oldObject = old?.withoutManagedFields ?? schema.emptyObject()
        let apiVersion = newObject["apiVersion"]?.stringValue ?? oldObject["apiVersion"]?.stringValue ?? ""
        // The write is first recorded under a placeholder manager, as the API
        // server does, and then folded into the writer's entry.
        let current = ManagedFields.Manager(name: "", operation: "", apiVersion: "", subresource: "\u{0}current-operation")
        let comparison: Comparison
        do {
            comparison = try update(from: oldObject, to: newObject, apiVersion: apiVersion, managed: &managed,
                                    workflow: current, force: true, reset: reset, walker: walker, converter: converter)
        } catch {
            // Unreachable: forced updates report no conflicts.
            return managed.encode(into: newObject)
        }
        if !comparison.isSame {
            let owned = comparison.modified.union(comparison.added).removingPrefixes(reset)
            if !owned.isEmpty {
                managed.fields[current] = ManagedFields.Owned(set: owned, apiVersion: apiVersion, applied: false)
            }
        }
        managed.stripSystemFields(of: current)
        if let taken = managed.fields.removeValue(forKey: current) {
            let writer = ManagedFields.Manager(name: manager, operation: updateOperation, apiVersion: apiVersion,
                                               subresource: subresource)
            let previous = managed.fields[writer]?.set ?? FieldSet()
            managed.fields[writer] = ManagedFields.Owned(set: taken.set.union(previous), apiVersion: apiVersion,
                                                         applied: false)
            managed.times[writer] = now
        }
        managed.capUpdateManagers()
        return managed.encode(into: newObject)
    }

    /// The managedFields an update starts from: the writer's own unless it
    /// sent none (or writes a subresource), `[]` meaning "reset".
    static func baseManagedFields(old: JSONValue?, new: JSONValue, isSubresource: Bool) -> ManagedFields {
        let live = ManagedFields.decoded(from: old) ?? ManagedFields()
        if isSubresource { return live }
        guard let sent = new[path: "metadata", "managedFields"], !sent.isNull else { return live }
        if case .array(let items) = sent, items.isEmpty || (items.count == 1 && items[0] == .emptyObject) {
            return ManagedFields()
        }
        guard let decoded = ManagedFields.decoded(from: new), !decoded.fields.isEmpty else { return live }
        return decoded
    }
}
