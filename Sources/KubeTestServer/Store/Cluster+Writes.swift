import Foundation
import JSON

extension Cluster {
    // MARK: - Create

    /// POST: creates an object (201), or answers what it would be with `dryRun`.
    func create(type: ResourceType, namespace: String, body: JSONValue, context: WriteContext) throws(APIError) -> WriteResult {
        let result = try createInternal(type: type, namespace: namespace, body: body, context: context)
        if !context.dryRun { runControllers() }
        return result
    }

    func createInternal(type: ResourceType, namespace: String, body: JSONValue, context: WriteContext,
                        presetManagedFields: Bool = false) throws(APIError) -> WriteResult {
        var object = try normalizeIncoming(type: type, namespace: namespace, body: body, urlName: nil)
        if object[path: "metadata", "name"]?.stringValue?.isEmpty ?? true {
            guard let prefix = object[path: "metadata", "generateName"]?.stringValue, !prefix.isEmpty else {
                throw APIError.invalid(type, name: "", errors: [.required("metadata.name", "name or generateName is required")])
            }
            object[path: "metadata", "name"] = .string(prefix + Self.randomSuffix())
        }
        let name = object[path: "metadata", "name"]?.stringValue ?? ""
        if let rv = object[path: "metadata", "resourceVersion"]?.stringValue, !rv.isEmpty {
            throw APIError.badRequest("resourceVersion should not be set on objects to be created")
        }
        if let error = MicroTimeFields.normalize(type: type, object: &object) {
            throw APIError.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): \(error)")
        }
        try checkNamespace(type: type, namespace: namespace, name: name, creating: true)
        try validateName(type: type, name: name)
        let key = ObjectKey(namespace: type.namespaced ? namespace : "", name: name)
        if objects[type.storage]?[key] != nil { throw APIError.alreadyExists(type, name: name) }

        var metadata = object["metadata"] ?? [:]
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink"] {
            metadata[field] = nil
        }
        if !presetManagedFields { metadata["managedFields"] = nil }
        metadata["uid"] = .string(newUID())
        metadata["creationTimestamp"] = .string(timestamp())
        if type.hasGeneration { metadata["generation"] = 1 }
        object["metadata"] = metadata
        // The status subresource owns status: a create cannot set it.
        if type.hasStatusSubresource { object["status"] = nil }
        let requested = object
        builtinDefaultsOnCreate(type: type, object: &object)

        var warnings: [String] = []
        if type.isCustom { warnings = try applySchema(type: type, object: &object, old: nil, subresource: nil, context: context) }
        let problems = Builtins.validate(type: type, object: object, old: nil)
        if !problems.isEmpty { throw APIError.invalid(type, name: name, errors: problems) }
        if type.resource == "customresourcedefinitions" {
            let problems = CRDChecks.validate(object, old: nil)
            if !problems.isEmpty { throw APIError.invalid(type, name: name, errors: problems) }
        }
        if !presetManagedFields {
            object = recordManagedFields(type: type, old: nil, new: object, requested: requested, subresource: nil,
                                         manager: context.manager)
        }
        object = orderForStorage(type: type, object)
        if context.dryRun {
            object[path: "metadata", "resourceVersion"] = nil
            if type.resource == "services" { releaseServiceIPs(of: object) }
            return WriteResult(object: object, created: true, warnings: warnings)
        }
        let stored = persist(type.storage, key, object)
        afterWrite(type: type, key: key, object: stored, created: true)
        return WriteResult(object: stored, created: true, warnings: warnings)
    }

    // MARK: - Update

    /// PUT on the object or its `status` subresource.
    func update(type: ResourceType, namespace: String, name: String, body: JSONValue, subresource: String?,
                context: WriteContext) throws(APIError) -> WriteResult {
        var proposed = try normalizeIncoming(type: type, namespace: namespace, body: body, urlName: name)
        let key = ObjectKey(namespace: type.namespaced ? namespace : "", name: name)
        guard let old = objects[type.storage]?[key] else { throw APIError.notFound(type, name: name) }
        let bodyRV = proposed[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        if bodyRV.isEmpty && !type.allowUnconditionalUpdate {
            throw APIError.invalid(qualifiedKind: type.groupResource.description, group: type.group, kind: type.resource,
                                   name: name, errors: [
                FieldProblem(reason: "FieldValueInvalid", field: "metadata.resourceVersion",
                             message: "Invalid value: 0: must be specified for an update"),
            ])
        }
        if let error = MicroTimeFields.normalize(type: type, object: &proposed) {
            throw APIError.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): \(error)")
        }
        let result = try commitUpdate(type: type, key: key, old: old, proposed: proposed, subresource: subresource,
                                      context: context, expectedRV: bodyRV, applied: false)
        if !context.dryRun { runControllers() }
        return result
    }

    /// The common tail of PUT, PATCH and apply on an existing object.
    func commitUpdate(type: ResourceType, key: ObjectKey, old: JSONValue, proposed: JSONValue, subresource: String?,
                      context: WriteContext, expectedRV: String, applied: Bool) throws(APIError) -> WriteResult {
        let name = key.name
        let oldRV = old[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        if !expectedRV.isEmpty && expectedRV != oldRV { throw APIError.conflict(type, name: name) }

        var new = proposed
        new["apiVersion"] = old["apiVersion"]
        new["kind"] = old["kind"]
        var metadata = new["metadata"] ?? [:]
        for field in ["name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp",
                      "deletionGracePeriodSeconds", "resourceVersion"] {
            metadata[field] = old[path: "metadata", field]
        }
        if subresource == "status" {
            // Only status changes through /status; everything else keeps its stored value.
            var base = old
            base["status"] = new["status"]
            base[path: "metadata", "managedFields"] = metadata["managedFields"]
            new = base
        } else {
            new["metadata"] = metadata
            if type.hasStatusSubresource { new["status"] = old["status"] }
        }
        if old[path: "metadata", "deletionTimestamp"] != nil {
            let before = Set(old[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let added = (new[path: "metadata", "finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter { !before.contains($0) }
            if !added.isEmpty {
                let list = added.map { "\"\($0)\"" }.joined(separator: ", ")
                let problem = FieldProblem.forbidden(
                    "metadata.finalizers",
                    "no new finalizers can be added if the object is being deleted, found new finalizers []string{\(list)}")
                throw APIError.invalid(type, name: name, errors: [problem, problem])
            }
        }
        let requested = new
        try builtinDefaultsOnUpdate(type: type, object: &new, old: old)
        var warnings: [String] = []
        if type.isCustom { warnings = try applySchema(type: type, object: &new, old: old, subresource: subresource, context: context) }
        let problems = Builtins.validate(type: type, object: new, old: old)
        if !problems.isEmpty { throw APIError.invalid(type, name: name, errors: problems) }
        if type.resource == "customresourcedefinitions" {
            let problems = CRDChecks.validate(new, old: old)
            if !problems.isEmpty { throw APIError.invalid(type, name: name, errors: problems) }
        }

        if Self.sameContent(old, new, includingManagedFields: applied) {
            return WriteResult(object: old, created: false, warnings: warnings)
        }
        if type.hasGeneration && Self.specChanged(type: type, old: old, new: new) {
            new[path: "metadata", "generation"] = .int((old[path: "metadata", "generation"]?.intValue ?? 0) + 1)
        }
        if !applied {
            new = recordManagedFields(type: type, old: old, new: new, requested: requested, subresource: subresource,
                                      manager: context.manager)
        }
        new = orderForStorage(type: type, new)
        if context.dryRun { return WriteResult(object: new, created: false, warnings: warnings) }
        if new[path: "metadata", "deletionTimestamp"] != nil,
           new[path: "metadata", "finalizers"]?.arrayValue?.isEmpty ?? true,
           !Builtins.hasPendingSpecFinalizers(new) {
            // The last finalizer went away: the object is deleted; the answer still shows it.
            new[path: "metadata", "finalizers"] = nil
            removeObject(type.storage, key)
            afterDelete(type: type, key: key, object: new)
            return WriteResult(object: new, created: false, warnings: warnings)
        }
        let stored = persist(type.storage, key, new)
        afterWrite(type: type, key: key, object: stored, created: false)
        return WriteResult(object: stored, created: false, warnings: warnings)
    }

    // MARK: - Patch

    enum PatchKind: Sendable { case merge, json, strategic, apply }

    /// PATCH in any of the four flavours. Apply may create the object.
    func patch(type: ResourceType, namespace: String, name: String, kind: PatchKind, body: JSONValue,
               subresource: String?, context: WriteContext) throws(APIError) -> WriteResult {
        let key = ObjectKey(namespace: type.namespaced ? namespace : "", name: name)
        let existing = objects[type.storage]?[key]
        let result: WriteResult
        switch kind {
        case .apply:
            result = try serverSideApply(type: type, key: key, live: existing, config: body, subresource: subresource, context: context)
        default:
            guard let old = existing else { throw APIError.notFound(type, name: name) }
            let served = present(old, as: type)
            var patched: JSONValue
            switch kind {
            case .merge:
                guard body.objectValue != nil else { throw APIError.badRequest("json: cannot unmarshal \(body.typeName) into Go value of type map[string]interface {}") }
                patched = Patching.mergePatch(body, to: served)
            case .json: patched = try Patching.jsonPatch(body, to: served)
            default:
                patched = try Patching.strategicMergePatch(body, to: served, apiVersion: type.apiVersion, kind: type.kind)
            }
            if let error = MicroTimeFields.normalize(type: type, object: &patched) {
                // The server quotes the patched JSON as its patch library produced it.
                let text = kind == .merge ? Patching.goMergePatchText(body, to: served) : Ordering.sortedKeys(patched).serialized()
                let message = "Invalid value: \(JSONValue.string(text).serialized()): \(error)"
                throw APIError(code: 422, reason: "Invalid", message: " \"\" is invalid: patch: \(message)",
                               causes: [.init(reason: "FieldValueInvalid", message: message, field: "patch")])
            }
            patched = try normalizeIncoming(type: type, namespace: namespace, body: patched, urlName: name)
            let expected = patched[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            let oldRV = old[path: "metadata", "resourceVersion"]?.stringValue ?? ""
            result = try commitUpdate(type: type, key: key, old: old, proposed: patched, subresource: subresource,
                                      context: context, expectedRV: expected == oldRV ? "" : expected, applied: false)
        }
        if !context.dryRun { runControllers() }
        return result
    }

    private func serverSideApply(type: ResourceType, key: ObjectKey, live: JSONValue?, config: JSONValue,
                                 subresource: String?, context: WriteContext) throws(APIError) -> WriteResult {
        guard config.objectValue != nil else { throw APIError.badRequest("error decoding YAML: the apply configuration is not an object") }
        if let kind = config["kind"]?.stringValue, kind != type.kind {
            throw APIError.invalid(type, name: key.name, errors: [.invalid("kind", value: .string(kind), "must be \(type.kind)")])
        }
        if let name = config[path: "metadata", "name"]?.stringValue, name != key.name {
            throw APIError.badRequest("the name of the object (\(name)) does not match the name on the URL (\(key.name))")
        }
        var applied = config
        applied[path: "metadata", "managedFields"] = nil
        applied[path: "metadata", "name"] = .string(key.name)
        if type.namespaced { applied[path: "metadata", "namespace"] = .string(key.namespace) }
        let expected = applied[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        applied[path: "metadata", "resourceVersion"] = nil
        let liveServed = live.map { present($0, as: type) }
        var merged = try Patching.apply(applied, to: liveServed, manager: context.manager, force: context.force,
                                        subresource: subresource, apiVersion: type.apiVersion, kind: type.kind,
                                        schema: patchSchema(type), resetFields: Self.resetFields(type, subresource),
                                        now: timestamp(),
                                        converter: Patching.versionConverter(group: type.group, resource: type.resource))
        merged = toStorageForm(type: type, merged)
        if let live {
            return try commitUpdate(type: type, key: key, old: live, proposed: merged, subresource: subresource,
                                    context: context, expectedRV: expected, applied: true)
        }
        if subresource != nil { throw APIError.notFound(type, name: key.name) }
        merged[path: "metadata", "resourceVersion"] = nil
        return try createInternal(type: type, namespace: key.namespace, body: merged, context: context, presetManagedFields: true)
    }

    // MARK: - Shared steps

    /// The managedFields bookkeeping of a create, update or patch, as the API server's field manager
    /// does it: on the objects in the version of the endpoint (an events.k8s.io/v1 write is recorded
    /// with events.k8s.io/v1 field names), before the registry's own additions (`requested` holds the
    /// fields the client sent, see `Patching.registryFields`).
    /// - Returns: `new` (storage form) with the recorded `metadata.managedFields`.
    func recordManagedFields(type: ResourceType, old: JSONValue?, new: JSONValue, requested: JSONValue,
                             subresource: String?, manager: String) -> JSONValue {
        let seen = Patching.withoutRegistryFields(new, requested: requested, group: type.group, resource: type.resource)
        let recorded = Patching.recordUpdate(
            old: old.map { present($0, as: type) }, new: present(seen, as: type), manager: manager,
            subresource: subresource, schema: patchSchema(type), resetFields: Self.resetFields(type, subresource),
            now: timestamp(), converter: Patching.versionConverter(group: type.group, resource: type.resource))
        var out = new
        out[path: "metadata", "managedFields"] = recorded[path: "metadata", "managedFields"]
        return out
    }

    /// Checks kind/apiVersion/name/namespace of a request body and converts it to the storage form.
    func normalizeIncoming(type: ResourceType, namespace: String, body: JSONValue, urlName: String?) throws(APIError) -> JSONValue {
        guard body.objectValue != nil else {
            throw APIError.badRequest("the object provided is unrecognized (must be of type \(type.kind)): couldn't get version/kind; json parse error: expected an object")
        }
        var object = body
        if let kind = object["kind"]?.stringValue, !kind.isEmpty, kind != type.kind {
            let name = object[path: "metadata", "name"]?.stringValue ?? ""
            throw APIError(code: 422, reason: "Invalid",
                           message: "\(type.group.isEmpty ? kind : kind + "." + type.group) \"\(name)\" is invalid: kind: Invalid value: \"\(kind)\": must be \(type.kind)",
                           name: name, group: type.group, kind: kind,
                           causes: [.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(kind)\": must be \(type.kind)", field: "kind")])
        }
        object["kind"] = .string(type.kind)
        object["apiVersion"] = .string(type.apiVersion)
        if object["metadata"]?.objectValue == nil { object["metadata"] = [:] }
        if let urlName {
            let bodyName = object[path: "metadata", "name"]?.stringValue ?? ""
            if !bodyName.isEmpty, bodyName != urlName {
                throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(urlName))")
            }
            object[path: "metadata", "name"] = .string(urlName)
        }
        if type.namespaced {
            let bodyNamespace = object[path: "metadata", "namespace"]?.stringValue ?? ""
            if !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: "metadata", "namespace"] = .string(namespace)
        } else {
            object[path: "metadata", "namespace"] = nil
        }
        return toStorageForm(type: type, object)
    }

    /// Converts a served representation to how the storage keeps it (apiVersion, Event API fields).
    func toStorageForm(type: ResourceType, _ object: JSONValue) -> JSONValue {
        var out = object
        if type.storage.group == "" && type.storage.resource == "events" && type.group == "events.k8s.io" {
            out = EventConversion.toCore(object)
        }
        if let apiVersion = registry.storageAPIVersion(of: type.storage) { out["apiVersion"] = .string(apiVersion) }
        return out
    }

    /// The object as the served version shows it.
    nonisolated func present(_ object: JSONValue, as type: ResourceType) -> JSONValue {
        Presenter.present(object, as: type)
    }

    /// CR schema work: defaults, pruning (with warnings or a strict error), validation.
    func applySchema(type: ResourceType, object: inout JSONValue, old: JSONValue?, subresource: String?,
                     context: WriteContext) throws(APIError) -> [String] {
        guard let schema = type.custom?.schema else { return [] }
        schema.applyDefaults(to: &object)
        var warnings: [String] = []
        if !(type.custom?.preserveUnknownFields ?? false) {
            let pruned = schema.prune(&object)
            if !pruned.isEmpty {
                if context.fieldValidation == "Strict" {
                    let list = pruned.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                    throw APIError.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(list)")
                }
                if context.fieldValidation != "Ignore" { warnings = pruned.map { "unknown field \"\($0)\"" } }
            }
        }
        let problems = schema.validate(object, old: old, subresource: subresource)
        if !problems.isEmpty {
            throw APIError.invalid(type, name: object[path: "metadata", "name"]?.stringValue ?? "", errors: problems)
        }
        return warnings
    }

    /// Top-level fields an endpoint ignores: status on the main resource, the rest on `/status`.
    static func resetFields(_ type: ResourceType, _ subresource: String?) -> [[String]] {
        if subresource == "status" { return [["spec"]] }
        return type.hasStatusSubresource ? [["status"]] : []
    }

    func patchSchema(_ type: ResourceType) -> Patching.SchemaSource {
        type.isCustom ? .custom(type.custom?.schema) : .builtin(apiVersion: type.apiVersion, kind: type.kind)
    }

    func checkNamespace(type: ResourceType, namespace: String, name: String, creating: Bool) throws(APIError) {
        guard type.namespaced else { return }
        guard let ns = objects[Self.namespaceType.storage]?[ObjectKey(namespace: "", name: namespace)] else {
            throw APIError.namespaceNotFound(namespace)
        }
        if creating, ns[path: "metadata", "deletionTimestamp"] != nil {
            throw APIError(code: 403, reason: "Forbidden",
                           message: "\(type.groupResource) \"\(name)\" is forbidden: unable to create new content in namespace \(namespace) because it is being terminated",
                           name: name, group: type.group, kind: type.resource,
                           causes: [.init(reason: "NamespaceTerminating",
                                          message: "namespace \(namespace) is being terminated", field: "metadata.namespace")])
        }
    }

    func validateName(type: ResourceType, name: String) throws(APIError) {
        let label = type.resource == "namespaces"
        if let detail = Names.validate(name, dnsLabel: label) {
            throw APIError.invalid(type, name: name, errors: [.invalid("metadata.name", value: .string(name), detail)])
        }
    }

    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    /// Equal apart from resourceVersion (and managedFields timestamps, or managedFields altogether).
    static func sameContent(_ a: JSONValue, _ b: JSONValue, includingManagedFields: Bool) -> Bool {
        func strip(_ v: JSONValue) -> JSONValue {
            var out = v
            out[path: "metadata", "resourceVersion"] = nil
            if includingManagedFields {
                out[path: "metadata", "managedFields"] = .array((v[path: "metadata", "managedFields"]?.arrayValue ?? []).map { entry in
                    var e = entry
                    e["time"] = nil
                    return e
                })
            } else {
                out[path: "metadata", "managedFields"] = nil
            }
            return out
        }
        return strip(a) == strip(b)
    }

    /// Whether a change bumps `metadata.generation`: for CRs anything outside
    /// metadata and status, for built-ins the spec.
    static func specChanged(type: ResourceType, old: JSONValue, new: JSONValue) -> Bool {
        func content(_ v: JSONValue) -> JSONValue {
            var out = v
            out["metadata"] = nil
            out["status"] = nil
            out["apiVersion"] = nil
            out["kind"] = nil
            return out
        }
        if type.isCustom { return content(old) != content(new) }
        return (old["spec"] ?? .null) != (new["spec"] ?? .null)
    }

    /// Built-ins keep Go struct order; custom resources come back with keys sorted.
    func orderForStorage(type: ResourceType, _ object: JSONValue) -> JSONValue {
        type.isCustom ? Ordering.sortedKeys(object) : Ordering.builtin(object)
    }

    /// Hooks that other controllers of a real cluster would run after a write.
    func afterWrite(type: ResourceType, key: ObjectKey, object: JSONValue, created: Bool) {
        if type.resource == "customresourcedefinitions" && type.group == "apiextensions.k8s.io" {
            establish(crdKey: key)
        }
        scheduleSimulation(type: type, object: object, created: created)
        runNamespaceDefaultsControllers(after: type.storage, key)
    }

    func afterDelete(type: ResourceType, key: ObjectKey, object: JSONValue) {
        if type.resource == "services" { releaseServiceIPs(of: object) }
        if type.resource == "customresourcedefinitions" && type.group == "apiextensions.k8s.io" {
            registry.unregister(crdName: key.name)
        }
        runNamespaceDefaultsControllers(after: type.storage, key)
    }

    func allocateServiceIP() -> String? {
        // 10.96.0.0/12: skip .0 and .1 (the kubernetes Service).
        let base: UInt32 = 10 << 24 | 96 << 16
        for _ in 0..<64 {
            let offset = UInt32.random(in: 2..<(1 << 20) - 1)
            if allocatedServiceIPs.insert(base + offset).inserted { return Self.ipString(base + offset) }
        }
        for offset in UInt32(2)..<((1 << 20) - 1) where allocatedServiceIPs.insert(base + offset).inserted {
            return Self.ipString(base + offset)
        }
        return nil
    }

    func releaseServiceIP(_ ip: String) {
        let parts = ip.split(separator: ".").compactMap { UInt32($0) }
        guard parts.count == 4 else { return }
        allocatedServiceIPs.remove(parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3])
    }

    static func ipString(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }
}

