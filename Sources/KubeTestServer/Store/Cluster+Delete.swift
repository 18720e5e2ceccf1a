import JSON

extension Cluster {
    /// DELETE of one object: removed at once, or marked with a deletionTimestamp
    /// while finalizers (own, `foregroundDeletion`, `orphan`) hold it.
    func delete(type: ResourceType, namespace: String, name: String, options: DeleteOptions,
                context: WriteContext) throws(APIError) -> DeleteOutcome {
        let outcome = try deleteInternal(type: type, key: ObjectKey(namespace: type.namespaced ? namespace : "", name: name),
                                         options: options)
        if !options.dryRun { runControllers() }
        return outcome
    }

    func deleteInternal(type: ResourceType, key: ObjectKey, options: DeleteOptions) throws(APIError) -> DeleteOutcome {
        guard let object = objects[type.storage]?[key] else { throw APIError.notFound(type, name: key.name) }
        let uid = object[path: "metadata", "uid"]?.stringValue ?? ""
        if let expected = options.preconditionUID, expected != uid {
            throw APIError.preconditionFailed(type, name: key.name, detail:
                "the UID in the precondition (\(expected)) does not match the UID in record (\(uid)). The object might have been deleted and then recreated")
        }
        let rv = object[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        if let expected = options.preconditionResourceVersion, expected != rv {
            throw APIError.preconditionFailed(type, name: key.name, detail:
                "the ResourceVersion in the precondition (\(expected)) does not match the ResourceVersion in record (\(rv)). The object might have been modified")
        }
        if object[path: "metadata", "deletionTimestamp"] != nil { return .pending(object) }

        var finalizers = object[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let isNamespace = type.storage == Self.namespaceType.storage
        let isCRD = type.resource == "customresourcedefinitions" && type.group == "apiextensions.k8s.io"
        switch options.propagation {
        case .foreground: if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
        case .orphan: if !finalizers.contains("orphan") { finalizers.append("orphan") }
        default: break
        }
        if isCRD && !finalizers.contains("customresourcecleanup.apiextensions.k8s.io") {
            finalizers.append("customresourcecleanup.apiextensions.k8s.io")
        }
        let held = !finalizers.isEmpty || (isNamespace && Builtins.hasPendingSpecFinalizers(object))
        guard held else {
            if options.dryRun { return .removed(object) }
            let last = removeObject(type.storage, key) ?? object
            afterDelete(type: type, key: key, object: last)
            return .removed(object)
        }
        var marked = object
        marked[path: "metadata", "deletionTimestamp"] = .string(timestamp())
        marked[path: "metadata", "deletionGracePeriodSeconds"] = 0
        marked[path: "metadata", "finalizers"] = .array(finalizers.map(JSONValue.string))
        if let generation = marked[path: "metadata", "generation"]?.intValue, generation > 0 {
            marked[path: "metadata", "generation"] = .int(generation + 1)
        }
        if isNamespace { marked[path: "status", "phase"] = "Terminating" }
        if isCRD {
            var conditions = marked[path: "status", "conditions"]?.arrayValue ?? []
            conditions.append(["type": "Terminating", "status": "True", "lastTransitionTime": .string(timestamp()),
                               "reason": "InstanceDeletionPending",
                               "message": "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon"])
            marked[path: "status", "conditions"] = .array(conditions)
        }
        marked = orderForStorage(type: type, marked)
        if options.dryRun { return .pending(marked) }
        return .pending(persist(type.storage, key, marked))
    }

    /// DELETE on a collection: deletes every match, answers the list as it was before.
    func deleteCollection(type: ResourceType, namespace: String?, options: ListOptions, deleteOptions: DeleteOptions,
                          context: WriteContext) throws(APIError) -> ListResult {
        var listOptions = options
        listOptions.limit = nil
        listOptions.continueToken = nil
        let result = try list(type: type, namespace: namespace, options: listOptions)
        for item in result.items {
            let key = ObjectKey(namespace: item[path: "metadata", "namespace"]?.stringValue ?? "",
                                name: item[path: "metadata", "name"]?.stringValue ?? "")
            _ = try? deleteInternal(type: type, key: key, options: deleteOptions)
        }
        if !deleteOptions.dryRun { runControllers() }
        return ListResult(items: result.items, resourceVersion: resourceVersion, continueToken: "", remaining: nil)
    }

    // MARK: - Controllers

    /// Runs what kube-controller-manager would do after a change, until nothing
    /// moves: garbage collection (background, foreground, orphan), the
    /// namespace controller and CRD instance cleanup.
    func runControllers() {
        guard controllersDirty else { return }
        for _ in 0..<50 {
            // Cleared before the pass: what the pass itself writes sets it again.
            controllersDirty = false
            if !controllerPass() { return }
        }
        config.logger.warning("controllers did not settle after 50 passes")
    }

    private func controllerPass() -> Bool {
        var changed = false
        var uids: [String: (GroupResource, ObjectKey)] = [:]
        for (storage, items) in objects {
            for (key, object) in items {
                if let uid = object[path: "metadata", "uid"]?.stringValue { uids[uid] = (storage, key) }
            }
        }
        func dependents(of uid: String) -> [(GroupResource, ObjectKey, JSONValue)] {
            var out: [(GroupResource, ObjectKey, JSONValue)] = []
            for (storage, items) in objects {
                for (key, object) in items.sorted(by: { $0.key < $1.key })
                where (object[path: "metadata", "ownerReferences"]?.arrayValue ?? []).contains(where: { $0["uid"]?.stringValue == uid }) {
                    out.append((storage, key, object))
                }
            }
            return out
        }

        for (storage, items) in objects {
            for (key, object) in items.sorted(by: { $0.key < $1.key }) {
                guard objects[storage]?[key] != nil, object[path: "metadata", "deletionTimestamp"] != nil else { continue }
                let uid = object[path: "metadata", "uid"]?.stringValue ?? ""
                let finalizers = object[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if finalizers.contains("orphan") {
                    for (depStorage, depKey, dependent) in dependents(of: uid) {
                        var d = dependent
                        let refs = (d[path: "metadata", "ownerReferences"]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
                        d[path: "metadata", "ownerReferences"] = refs.isEmpty ? nil : .array(refs)
                        d[path: "metadata", "managedFields"] = Self.dropOwnerReference(d[path: "metadata", "managedFields"], uid: uid)
                        persist(depStorage, depKey, d)
                    }
                    removeFinalizer("orphan", storage, key)
                    changed = true
                    continue
                }
                if finalizers.contains("foregroundDeletion") {
                    let deps = dependents(of: uid)
                    for (depStorage, depKey, dependent) in deps where dependent[path: "metadata", "deletionTimestamp"] == nil {
                        if let depType = registry.primaryType(for: depStorage) {
                            _ = try? deleteInternal(type: depType, key: depKey, options: DeleteOptions(propagation: .background))
                            changed = true
                        }
                    }
                    let blocking = dependents(of: uid).contains { _, _, d in
                        (d[path: "metadata", "ownerReferences"]?.arrayValue ?? []).contains {
                            $0["uid"]?.stringValue == uid && $0["blockOwnerDeletion"]?.boolValue == true
                        }
                    }
                    if !blocking {
                        removeFinalizer("foregroundDeletion", storage, key)
                        changed = true
                    }
                    continue
                }
                if storage == Self.namespaceType.storage {
                    if finalizeNamespace(key.name) { changed = true }
                    continue
                }
                if storage == GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions"),
                   finalizers.contains("customresourcecleanup.apiextensions.k8s.io") {
                    if cleanUpCustomResources(crd: object, key: key) { changed = true }
                }
            }
        }

        // Dependents whose owners are all gone are collected (background propagation).
        for (storage, items) in objects {
            for (key, object) in items.sorted(by: { $0.key < $1.key }) {
                guard objects[storage]?[key] != nil, object[path: "metadata", "deletionTimestamp"] == nil,
                      let refs = object[path: "metadata", "ownerReferences"]?.arrayValue, !refs.isEmpty else { continue }
                let ownersGone = refs.allSatisfy { ref in
                    guard let uid = ref["uid"]?.stringValue else { return false }
                    if uids[uid] != nil { return false }
                    // Only owners of a known kind are judged absent (like the real GC, which must resolve them).
                    return registry.type(apiVersion: ref["apiVersion"]?.stringValue ?? "", kind: ref["kind"]?.stringValue ?? "") != nil
                }
                if ownersGone, let type = registry.primaryType(for: storage) {
                    _ = try? deleteInternal(type: type, key: key, options: DeleteOptions(propagation: .background))
                    changed = true
                }
            }
        }
        return changed
    }

    /// Removes one finalizer; deletes the object when it was the last.
    func removeFinalizer(_ finalizer: String, _ storage: GroupResource, _ key: ObjectKey) {
        guard var object = objects[storage]?[key] else { return }
        let remaining = (object[path: "metadata", "finalizers"]?.arrayValue ?? []).filter { $0.stringValue != finalizer }
        object[path: "metadata", "finalizers"] = remaining.isEmpty ? nil : .array(remaining)
        if remaining.isEmpty && object[path: "metadata", "deletionTimestamp"] != nil && !Builtins.hasPendingSpecFinalizers(object) {
            let last = removeObject(storage, key)
            if let type = registry.primaryType(for: storage) ?? BuiltinResources.all.first(where: { $0.storage == storage }) {
                afterDelete(type: type, key: key, object: last ?? object)
            }
        } else {
            persist(storage, key, object)
        }
    }

    /// The namespace controller: deletes the contents, then drops the `kubernetes` finalizer.
    private func finalizeNamespace(_ namespace: String) -> Bool {
        var changed = false
        var remaining = 0
        for (storage, items) in objects where storage != Self.namespaceType.storage {
            for (key, object) in items.sorted(by: { $0.key < $1.key }) where key.namespace == namespace {
                remaining += 1
                if object[path: "metadata", "deletionTimestamp"] == nil,
                   let type = registry.primaryType(for: storage) ?? BuiltinResources.all.first(where: { $0.storage == storage }) {
                    _ = try? deleteInternal(type: type, key: key, options: DeleteOptions(propagation: .background))
                    changed = true
                }
            }
        }
        _ = remaining
        let nsKey = ObjectKey(namespace: "", name: namespace)
        guard var ns = objects[Self.namespaceType.storage]?[nsKey] else { return changed }
        let stillThere = objects.contains { storage, items in
            storage != Self.namespaceType.storage && items.keys.contains { $0.namespace == namespace }
        }
        if stillThere { return changed }
        if Builtins.hasPendingSpecFinalizers(ns) {
            ns[path: "spec", "finalizers"] = nil
            if ns["spec"]?.objectValue?.isEmpty ?? false { ns["spec"] = [:] }
            if ns[path: "metadata", "finalizers"]?.arrayValue?.isEmpty ?? true {
                removeObject(Self.namespaceType.storage, nsKey)
            } else {
                persist(Self.namespaceType.storage, nsKey, ns)
            }
            return true
        }
        return changed
    }

    private func cleanUpCustomResources(crd: JSONValue, key: ObjectKey) -> Bool {
        let group = crd[path: "spec", "group"]?.stringValue ?? ""
        let plural = crd[path: "spec", "names", "plural"]?.stringValue ?? ""
        let storage = GroupResource(group: group, resource: plural)
        let items = objects[storage] ?? [:]
        if items.isEmpty {
            removeFinalizer("customresourcecleanup.apiextensions.k8s.io",
                            GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions"), key)
            return true
        }
        var changed = false
        if let type = registry.primaryType(for: storage) {
            for (itemKey, item) in items.sorted(by: { $0.key < $1.key }) where item[path: "metadata", "deletionTimestamp"] == nil {
                _ = try? deleteInternal(type: type, key: itemKey, options: DeleteOptions(propagation: .background))
                changed = true
            }
        } else {
            for itemKey in items.keys { removeObject(storage, itemKey) }
            changed = true
        }
        return changed
    }

    /// The garbage collector leaves no trace of a removed owner reference in managedFields.
    static func dropOwnerReference(_ managedFields: JSONValue?, uid: String) -> JSONValue? {
        guard let entries = managedFields?.arrayValue else { return managedFields }
        let key = "k:{\"uid\":\"\(uid)\"}"
        return .array(entries.map { entry in
            var e = entry
            guard var refs = e[path: "fieldsV1", "f:metadata", "f:ownerReferences"] else { return e }
            refs[key] = nil
            if refs.objectValue?.keys.allSatisfy({ $0 == "." }) ?? true {
                e[path: "fieldsV1", "f:metadata", "f:ownerReferences"] = nil
                if e[path: "fieldsV1", "f:metadata"]?.objectValue?.isEmpty ?? false { e[path: "fieldsV1", "f:metadata"] = nil }
            } else {
                e[path: "fieldsV1", "f:metadata", "f:ownerReferences"] = refs
            }
            return e
        })
    }
}

extension Cluster {
    /// PUT namespaces/{name}/finalize: replaces `spec.finalizers`; a terminating namespace goes when they are empty.
    func finalizeNamespace(name: String, body: JSONValue) throws(APIError) -> JSONValue {
        let key = ObjectKey(namespace: "", name: name)
        guard var ns = objects[Self.namespaceType.storage]?[key] else { throw APIError.notFound(Self.namespaceType, name: name) }
        ns[path: "spec", "finalizers"] = body[path: "spec", "finalizers"] ?? []
        if ns[path: "metadata", "deletionTimestamp"] != nil, !Builtins.hasPendingSpecFinalizers(ns),
           ns[path: "metadata", "finalizers"]?.arrayValue?.isEmpty ?? true {
            removeObject(Self.namespaceType.storage, key)
            return ns
        }
        let stored = persist(Self.namespaceType.storage, key, ns)
        runControllers()
        return stored
    }
}
