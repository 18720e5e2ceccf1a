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

    /// Server-side apply: the merged object with `metadata.managedFields` updated, or a 409 listing conflicts.
    static func apply(
        _ config: JSONValue, to live: JSONValue?, manager: String, force: Bool, subresource: String?,
        apiVersion: String, kind: String, schema source: SchemaSource, resetFields: [[String]], now: String
    ) throws(APIError) -> JSONValue {
        let schema = source.schema
        do {
            try ServerSideApply.validate(config, apiVersion: apiVersion, kind: kind, schema: schema)
        } catch {
            throw apiError(error)
        }
        do {
            return try ServerSideApply.apply(config, to: live, manager: manager, force: force, subresource: subresource,
                                             schema: schema, now: now, resetFields: resetFields)
        } catch {
            throw APIError(code: 409, reason: "Conflict", message: error.message,
                           causes: error.causes.map { APIError.Cause(reason: $0.reason, message: $0.message, field: $0.field) })
        }
    }

    /// Bookkeeping for create/update/patch: `manager` becomes owner of what it changed.
    static func recordUpdate(old: JSONValue?, new: JSONValue, manager: String, subresource: String?,
                             schema source: SchemaSource, resetFields: [[String]] = [], now: String) -> JSONValue {
        return ServerSideApply.recordUpdate(old: old, new: new, manager: manager, subresource: subresource,
                                            schema: source.schema, now: now, resetFields: resetFields)
    }

    static func apiError(_ error: PatchError) -> APIError {
        APIError(code: error.code, reason: error.reason, message: error.message, emptyDetails: error.code == 422)
    }
}

