import JSON

/// The resources currently served: the built-ins plus one entry per served
/// version of every Established CRD.
struct ResourceRegistry: Sendable {
    private(set) var types: [ResourceType]
    /// CRD groups in the order their first CRD was established (discovery lists them after the built-ins).
    private(set) var customGroups: [String] = []

    init() {
        types = BuiltinResources.all.map { type in
            var t = type
            if t.resource == "customresourcedefinitions" { t.allowUnconditionalUpdate = false }
            return t
        }
    }

    func find(group: String, version: String, resource: String) -> ResourceType? {
        types.first { $0.group == group && $0.version == version && $0.resource == resource }
    }

    /// The served versions of a group, in CRD order / preferred first.
    func versions(of group: String) -> [String] {
        var seen: [String] = []
        for t in types where t.group == group && !seen.contains(t.version) { seen.append(t.version) }
        return seen
    }

    var groups: [String] {
        var builtin = BuiltinResources.groupOrder.filter { g in types.contains { $0.group == g } }
        for t in types where !t.group.isEmpty && !builtin.contains(t.group) && !customGroups.contains(t.group) {
            builtin.append(t.group)
        }
        return builtin + customGroups.filter { g in types.contains { $0.group == g } }
    }

    func isBuiltinGroupVersion(group: String, version: String) -> Bool {
        BuiltinResources.all.contains { $0.group == group && $0.version == version }
    }

    /// The types that store objects in `storage`.
    func types(storedIn storage: GroupResource) -> [ResourceType] { types.filter { $0.storage == storage } }

    /// The preferred served type of a storage (the storage version for CRDs).
    func primaryType(for storage: GroupResource) -> ResourceType? {
        types.first { $0.storage == storage && $0.groupResource == storage }
    }

    /// Finds the served type of an object by its `apiVersion` and `kind` (for owner references, inventories).
    func type(apiVersion: String, kind: String) -> ResourceType? {
        let (group, version) = ResourceRegistry.split(apiVersion)
        return types.first { $0.group == group && $0.version == version && $0.kind == kind }
    }

    static func split(_ apiVersion: String) -> (group: String, version: String) {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : ("", apiVersion)
    }

    mutating func register(crd: JSONValue, schemaLog: (String) -> Void) {
        guard let name = crd[path: "metadata", "name"]?.stringValue else { return }
        unregister(crdName: name)
        let spec = crd["spec"] ?? .null
        let group = spec["group"]?.stringValue ?? ""
        let names = spec["names"] ?? .null
        let plural = names["plural"]?.stringValue ?? ""
        let kind = names["kind"]?.stringValue ?? ""
        let versions = spec["versions"]?.arrayValue ?? []
        let storageVersion = versions.first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
            ?? versions.first?["name"]?.stringValue ?? "v1"
        for version in versions where version["served"]?.boolValue ?? true {
            let versionName = version["name"]?.stringValue ?? "v1"
            var schema: ResourceSchema?
            if let raw = version[path: "schema", "openAPIV3Schema"] {
                do { schema = try ResourceSchema(openAPIV3Schema: raw) } catch {
                    schemaLog("CRD \(name) version \(versionName): schema not usable (\(error.problems.map(\.description))); objects are stored unvalidated")
                }
            }
            var subresources: [SubresourceType] = []
            if version[path: "subresources", "status"] != nil {
                subresources.append(SubresourceType(name: "status", kind: kind, verbs: ["get", "patch", "update"]))
            }
            if version[path: "subresources", "scale"] != nil {
                subresources.append(SubresourceType(name: "scale", kind: "Scale", verbs: ["get", "patch", "update"],
                                                    group: "autoscaling", version: "v1"))
            }
            let columns = (version["additionalPrinterColumns"]?.arrayValue ?? []).map { col in
                PrinterColumn(
                    name: col["name"]?.stringValue ?? "", type: col["type"]?.stringValue ?? "string",
                    format: col["format"]?.stringValue ?? "",
                    description: col["description"]?.stringValue
                        ?? "Custom resource definition column (in JSONPath format): \(col["jsonPath"]?.stringValue ?? "")",
                    priority: Int(col["priority"]?.intValue ?? 0), jsonPath: col["jsonPath"]?.stringValue)
            }
            let selectable = (version["selectableFields"]?.arrayValue ?? []).compactMap { $0["jsonPath"]?.stringValue }
                .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            let type = ResourceType(
                group: group, version: versionName, resource: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(), kind: kind,
                listKind: names["listKind"]?.stringValue ?? kind + "List",
                namespaced: spec["scope"]?.stringValue != "Cluster",
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                verbs: ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
                subresources: subresources, storage: GroupResource(group: group, resource: plural),
                custom: CustomResourceInfo(
                    crdName: name, storageVersion: storageVersion, schema: schema,
                    preserveUnknownFields: version[path: "schema", "openAPIV3Schema", "x-kubernetes-preserve-unknown-fields"]?.boolValue ?? false,
                    selectableFields: selectable),
                hasGeneration: true, allowUnconditionalUpdate: false, fieldSelectors: selectable,
                printerColumns: columns)
            types.append(type)
        }
        if !customGroups.contains(group) { customGroups.append(group) }
    }

    mutating func unregister(crdName: String) {
        types.removeAll { $0.custom?.crdName == crdName }
    }

    /// The `apiVersion` objects of a storage are kept in.
    func storageAPIVersion(of storage: GroupResource) -> String? {
        if let custom = types.first(where: { $0.storage == storage })?.custom {
            return storage.group + "/" + custom.storageVersion
        }
        return primaryType(for: storage)?.apiVersion
    }
}
