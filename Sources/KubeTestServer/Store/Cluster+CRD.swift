import JSON

extension Cluster {
    static let crdStorage = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    /// The apiextensions controllers: accepts names (or reports the conflict) and
    /// marks the CRD Established at once, then serves its resources.
    func establish(crdKey: ObjectKey) {
        guard var crd = objects[Self.crdStorage]?[crdKey], crd[path: "metadata", "deletionTimestamp"] == nil else { return }
        let spec = crd["spec"] ?? .null
        let group = spec["group"]?.stringValue ?? ""
        let names = spec["names"] ?? .null
        let requested: [(field: String, value: String, reason: String)] =
            [("plural", names["plural"]?.stringValue ?? "", "PluralConflict"),
             ("singular", names["singular"]?.stringValue ?? "", "SingularConflict"),
             ("kind", names["kind"]?.stringValue ?? "", "KindConflict"),
             ("listKind", names["listKind"]?.stringValue ?? "", "ListKindConflict")]
        let shortNames = names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var used: Set<String> = []
        var usedKinds: Set<String> = []
        for (key, other) in objects[Self.crdStorage] ?? [:] where key != crdKey && other[path: "spec", "group"]?.stringValue == group {
            let accepted = other[path: "status", "acceptedNames"] ?? .null
            for field in ["plural", "singular"] { if let v = accepted[field]?.stringValue, !v.isEmpty { used.insert(v) } }
            for v in accepted["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [] { used.insert(v) }
            for field in ["kind", "listKind"] { if let v = accepted[field]?.stringValue, !v.isEmpty { usedKinds.insert(v) } }
        }
        var conflict: (reason: String, message: String)?
        for name in requested where !name.value.isEmpty {
            let taken = (name.field == "kind" || name.field == "listKind") ? usedKinds.contains(name.value) : used.contains(name.value)
            if taken && conflict == nil { conflict = (name.reason, "\"\(name.value)\" is already in use") }
        }
        var acceptedShort = shortNames
        if conflict == nil, let taken = shortNames.first(where: used.contains) {
            conflict = ("ShortNamesConflict", "\"\(taken)\" is already in use")
            acceptedShort = []
        }
        var accepted: JSONValue = [:]
        accepted["plural"] = names["plural"] ?? ""
        accepted["singular"] = names["singular"] ?? .string((names["kind"]?.stringValue ?? "").lowercased())
        if !acceptedShort.isEmpty { accepted["shortNames"] = .array(acceptedShort.map(JSONValue.string)) }
        accepted["kind"] = names["kind"] ?? ""
        accepted["listKind"] = names["listKind"] ?? .string((names["kind"]?.stringValue ?? "") + "List")
        if let categories = names["categories"] { accepted["categories"] = categories }

        let now = timestamp()
        let previous = crd[path: "status", "conditions"]?.arrayValue ?? []
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            let old = previous.first { $0["type"]?.stringValue == type }
            let since = (old?["status"]?.stringValue == status) ? (old?["lastTransitionTime"] ?? .string(now)) : .string(now)
            return ["type": .string(type), "status": .string(status), "lastTransitionTime": since,
                    "reason": .string(reason), "message": .string(message)]
        }
        let conditions: [JSONValue]
        if let conflict {
            conditions = [condition("NamesAccepted", "False", conflict.reason, conflict.message),
                          condition("Established", "False", "NotAccepted", "not all names are accepted")]
        } else {
            conditions = [condition("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
                          condition("Established", "True", "InitialNamesAccepted", "the initial names have been accepted")]
        }
        var status = crd["status"] ?? [:]
        status["conditions"] = .array(conditions)
        status["acceptedNames"] = accepted
        var stored = status["storedVersions"]?.arrayValue ?? []
        if let storage = spec["versions"]?.arrayValue?.first(where: { $0["storage"]?.boolValue == true })?["name"],
           !stored.contains(storage) {
            stored.append(storage)
        }
        status["storedVersions"] = .array(stored)
        if crd["status"] != status {
            let old = crd
            crd["status"] = status
            crd = Patching.recordUpdate(old: old, new: crd, manager: "kube-apiserver", subresource: "status",
                                        schema: .builtin(apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition"),
                                        now: now)
            crd = Ordering.builtin(crd)
            persist(Self.crdStorage, crdKey, crd)
        }
        if conflict == nil {
            let storage = GroupResource(group: group, resource: names["plural"]?.stringValue ?? "")
            let logger = config.logger
            registry.register(crd: crd) { message in logger.warning("\(message)") }
            if compactedRV[storage] == nil { compactedRV[storage] = resourceVersion }
        } else {
            registry.unregister(crdName: crdKey.name)
        }
    }
}
