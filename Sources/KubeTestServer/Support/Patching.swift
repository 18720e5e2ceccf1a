import JSON
import KubePatch

/// The one place that talks to KubePatch: the patch flavours, server-side
/// apply and the `managedFields` bookkeeping of every write.
enum Patching {
    /// Which schema the patch algorithms consult for list and map semantics.
    enum SchemaSource: Sendable {
        case builtin(apiVersion: String, kind: String)
        case custom(ResourceSchema?)

        var schema: any PatchSchema {
            switch self {
            case .builtin(let apiVersion, let kind): return BuiltinSchemas.schema(apiVersion: apiVersion, kind: kind)
            case .custom(let resource):
                return OpenAPIPatchSchema(openAPIV3Schema: resource?.raw ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true])
            }
        }
    }

    static func mergePatch(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        return MergePatch.apply(patch, to: target)
    }

    /// The bytes Go's json-patch `MergePatch` produces for `patch` applied to `served` (the API server
    /// quotes them when the result does not decode): objects the patch reaches into, and objects it
    /// adds, come out with sorted keys (they were decoded into Go maps); untouched values keep the
    /// served order (they stay raw JSON). Nulls are dropped as in a merge patch.
    static func goMergePatchText(_ patch: JSONValue, to served: JSONValue) -> String {
        goMerged(patch, into: served).serialized()
    }

    private static func goMerged(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch, case .object(var members) = target else {
            return goDecoded(patch)
        }
        for (key, value) in patchMembers {
            if value.isNull {
                members[key] = nil
            } else if let current = members[key], !current.isNull {
                members[key] = goMerged(value, into: current)
            } else {
                members[key] = goDecoded(value)
            }
        }
        return sortedTopLevel(.object(members))
    }

    /// A patch value after Go's `pruneNulls`: decoded throughout, so every object is sorted.
    private static func goDecoded(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out: JSONValue = [:]
            for key in members.keys.sorted() where !(members[key]?.isNull ?? true) {
                out[key] = goDecoded(members[key] ?? .null)
            }
            return out
        case .array(let items): return .array(items.map(goDecoded))
        default: return value
        }
    }

    private static func sortedTopLevel(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        var out: JSONValue = [:]
        for key in members.keys.sorted() { out[key] = members[key] }
        return out
    }

    /// RFC 6902; a failing op is a 422 with the server's generic message.
    static func jsonPatch(_ operations: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        guard operations.arrayValue != nil else {
            throw APIError.badRequest("error decoding patch: json: cannot unmarshal \(operations.typeName) into Go value of type []handlers.jsonPatchOp")
        }
        do { return try JSONPatch.apply(operations, to: target) } catch { throw apiError(error) }
    }

    static func strategicMergePatch(_ patch: JSONValue, to target: JSONValue, apiVersion: String, kind: String)
        throws(APIError) -> JSONValue
    {
        do {
            return try StrategicMergePatch.apply(patch, to: target, schema: BuiltinSchemas.schema(apiVersion: apiVersion, kind: kind))
        } catch {
            throw apiError(error)
        }
    }

    /// Converts objects for managers whose managedFields entries are in another version of the kind:
    /// only Events are served in versions with different field names.
    static func versionConverter(group: String, resource: String) -> (any VersionConverter)? {
        (group == "" || group == "events.k8s.io") && resource == "events" ? EventConversion.Converter() : nil
    }

    /// Fields the registry sets after the field manager has recorded a create or update (allocations and
    /// strategy defaults, not the scheme's defaulters): nobody owns them unless the client sent them.
    static func registryFields(group: String, resource: String) -> [[String]] {
        switch (group, resource) {
        case ("", "namespaces"): return [["spec", "finalizers"]]
        case ("", "services"): return [["spec", "clusterIP"], ["spec", "clusterIPs"], ["spec", "ipFamilies"], ["spec", "ipFamilyPolicy"]]
        default: return []
        }
    }

    /// `object` with the `registryFields` as the client sent them in `requested` (absent when it did not).
    static func withoutRegistryFields(_ object: JSONValue, requested: JSONValue, group: String, resource: String) -> JSONValue {
        var out = object
        for path in registryFields(group: group, resource: resource) where out[keyPath: path] != requested[keyPath: path] {
            guard let parent = out[keyPath: Array(path.dropLast())], parent.objectValue != nil else { continue }
            out[keyPath: path] = requested[keyPath: path]
        }
        return out
    }

    /// Server-side apply: the merged object with `metadata.managedFields` updated, or a 409 listing conflicts.
    static func apply(
        _ config: JSONValue, to live: JSONValue?, manager: String, force: Bool, subresource: String?,
        apiVersion: String, kind: String, schema source: SchemaSource, resetFields: [[String]], now: String,
        converter: (any VersionConverter)? = nil
    ) throws(APIError) -> JSONValue {
        let schema = source.schema
        do {
            try ServerSideApply.validate(config, apiVersion: apiVersion, kind: kind, schema: schema)
        } catch {
            throw apiError(error)
        }
        do {
            return try ServerSideApply.apply(config, to: live, manager: manager, force: force, subresource: subresource,
                                             schema: schema, now: now, resetFields: resetFields, converter: converter)
        } catch {
            throw APIError(code: 409, reason: "Conflict", message: error.message,
                           causes: error.causes.map { APIError.Cause(reason: $0.reason, message: $0.message, field: $0.field) })
        }
    }

    /// Bookkeeping for create/update/patch: `manager` becomes owner of what it changed.
    static func recordUpdate(old: JSONValue?, new: JSONValue, manager: String, subresource: String?,
                             schema source: SchemaSource, resetFields: [[String]] = [], now: String,
                             converter: (any VersionConverter)? = nil) -> JSONValue {
        return ServerSideApply.recordUpdate(old: old, new: new, manager: manager, subresource: subresource,
                                            schema: source.schema, now: now, resetFields: resetFields, converter: converter)
    }

    static func apiError(_ error: PatchError) -> APIError {
        APIError(code: error.code, reason: error.reason, message: error.message, emptyDetails: error.code == 422)
    }
}

