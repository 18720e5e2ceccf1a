import Foundation
import JSON
#if canImport(KubePatch)
import KubePatch
#endif

/// The one place that talks to KubePatch: the patch flavours, server-side
/// apply and the `managedFields` bookkeeping of every write.
enum Patching {
    /// Which schema the patch algorithms consult for list and map semantics.
    enum SchemaSource: Sendable {
        case builtin(apiVersion: String, kind: String)
        case custom(ResourceSchema?)

        #if canImport(KubePatch)
        var schema: any PatchSchema {
            switch self {
            case .builtin(let apiVersion, let kind): return BuiltinSchemas.schema(apiVersion: apiVersion, kind: kind)
            case .custom(let resource):
                return OpenAPIPatchSchema(openAPIV3Schema: resource?.raw ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true])
            }
        }
        #endif
    }

    static func mergePatch(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        #if canImport(KubePatch)
        return MergePatch.apply(patch, to: target)
        #else
        return Fallback.merge(patch, into: target)
        #endif
    }

    /// RFC 6902; a failing op is a 422 with the server's generic message.
    static func jsonPatch(_ operations: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        guard operations.arrayValue != nil else {
            throw APIError.badRequest("error decoding patch: json: cannot unmarshal \(operations.typeName) into Go value of type []handlers.jsonPatchOp")
        }
        #if canImport(KubePatch)
        do { return try JSONPatch.apply(operations, to: target) } catch { throw apiError(error) }
        #else
        guard let result = Fallback.jsonPatch(operations, to: target) else {
            throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request", emptyDetails: true)
        }
        return result
        #endif
    }

    static func strategicMergePatch(_ patch: JSONValue, to target: JSONValue, apiVersion: String, kind: String)
        throws(APIError) -> JSONValue
    {
        #if canImport(KubePatch)
        do {
            return try StrategicMergePatch.apply(patch, to: target, schema: BuiltinSchemas.schema(apiVersion: apiVersion, kind: kind))
        } catch {
            throw apiError(error)
        }
        #else
        return Fallback.strategic(patch, into: target)
        #endif
    }

    /// Server-side apply: the merged object with `metadata.managedFields` updated, or a 409 listing conflicts.
    static func apply(
        _ config: JSONValue, to live: JSONValue?, manager: String, force: Bool, subresource: String?,
        apiVersion: String, kind: String, schema source: SchemaSource, resetFields: [[String]], now: String
    ) throws(APIError) -> JSONValue {
        #if canImport(KubePatch)
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
        #else
        var merged = Fallback.merge(config, into: live ?? .object([:]))
        merged[path: "metadata", "managedFields"] = Fallback.entries(
            live?[path: "metadata", "managedFields"], replacing: manager, operation: "Apply", subresource: subresource,
            object: config, apiVersion: apiVersion, now: now)
        return merged
        #endif
    }

    /// Bookkeeping for create/update/patch: `manager` becomes owner of what it changed.
    static func recordUpdate(old: JSONValue?, new: JSONValue, manager: String, subresource: String?,
                             schema source: SchemaSource, resetFields: [[String]] = [], now: String) -> JSONValue {
        #if canImport(KubePatch)
        return ServerSideApply.recordUpdate(old: old, new: new, manager: manager, subresource: subresource,
                                            schema: source.schema, now: now, resetFields: resetFields)
        #else
        var out = new
        var owned = new
        owned["metadata"] = new["metadata"].map(Fallback.userMetadata)
        if subresource == "status" { owned = ["status": new["status"] ?? .null] } else { owned["status"] = nil }
        owned["apiVersion"] = nil
        owned["kind"] = nil
        out[path: "metadata", "managedFields"] = Fallback.entries(
            old?[path: "metadata", "managedFields"] ?? new[path: "metadata", "managedFields"], replacing: manager,
            operation: "Update", subresource: subresource, object: owned,
            apiVersion: new["apiVersion"]?.stringValue ?? "", now: now)
        return out
        #endif
    }

    #if canImport(KubePatch)
    static func apiError(_ error: PatchError) -> APIError {
        APIError(code: error.code, reason: error.reason, message: error.message, emptyDetails: error.code == 422)
    }
    #endif
}

#if !canImport(KubePatch)
/// Temporary stand-ins used only while KubePatch is not buildable.
enum Fallback {
    static func merge(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var out = target.objectValue != nil ? target : .object([:])
        for (k, v) in p {
            if v.isNull { out[k] = nil } else { out[k] = merge(v, into: out[k] ?? .null) }
        }
        return out
    }

    static func strategic(_ patch: JSONValue, into target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var out = target.objectValue != nil ? target : .object([:])
        for (k, v) in p {
            if v.isNull { out[k] = nil; continue }
            if let items = v.arrayValue, let existing = out[k]?.arrayValue, items.allSatisfy({ $0["name"] != nil }) {
                var merged = existing
                for item in items {
                    if let idx = merged.firstIndex(where: { $0["name"] == item["name"] }) {
                        if item["$patch"]?.stringValue == "delete" { merged.remove(at: idx) } else { merged[idx] = strategic(item, into: merged[idx]) }
                    } else if item["$patch"]?.stringValue != "delete" {
                        merged.append(item)
                    }
                }
                out[k] = .array(merged)
            } else {
                out[k] = strategic(v, into: out[k] ?? .null)
            }
        }
        return out
    }

    static func jsonPatch(_ ops: JSONValue, to target: JSONValue) -> JSONValue? {
        var doc = target
        for op in ops.arrayValue ?? [] {
            guard let kind = op["op"]?.stringValue, let path = op["path"]?.stringValue else { return nil }
            let tokens = pointer(path)
            switch kind {
            case "test": guard get(doc, tokens) == op["value"] else { return nil }
            case "remove": guard let d = set(doc, tokens, nil, insert: false) else { return nil }; doc = d
            case "add": guard let v = op["value"], let d = set(doc, tokens, v, insert: true) else { return nil }; doc = d
            case "replace":
                guard let v = op["value"], get(doc, tokens) != nil, let d = set(doc, tokens, v, insert: false) else { return nil }
                doc = d
            default: return nil
            }
        }
        return doc
    }

    static func pointer(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            String($0).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    static func get(_ doc: JSONValue, _ tokens: [String]) -> JSONValue? {
        var cur: JSONValue? = doc
        for t in tokens {
            if let a = cur?.arrayValue { cur = Int(t).flatMap { a.indices.contains($0) ? a[$0] : nil } } else { cur = cur?[t] }
        }
        return cur
    }

    static func set(_ doc: JSONValue, _ tokens: [String], _ value: JSONValue?, insert: Bool) -> JSONValue? {
        guard let first = tokens.first else { return value }
        if tokens.count == 1 {
            if var a = doc.arrayValue {
                if first == "-", let value { a.append(value); return .array(a) }
                guard let i = Int(first) else { return nil }
                if let value {
                    if insert { guard i <= a.count else { return nil }; a.insert(value, at: i) } else { guard a.indices.contains(i) else { return nil }; a[i] = value }
                } else {
                    guard a.indices.contains(i) else { return nil }
                    a.remove(at: i)
                }
                return .array(a)
            }
            guard doc.objectValue != nil else { return nil }
            if value == nil, doc[first] == nil { return nil }
            var d = doc
            d[first] = value
            return d
        }
        if var a = doc.arrayValue {
            guard let i = Int(first), a.indices.contains(i), let child = set(a[i], Array(tokens.dropFirst()), value, insert: insert) else { return nil }
            a[i] = child
            return .array(a)
        }
        guard let childDoc = doc[first], let child = set(childDoc, Array(tokens.dropFirst()), value, insert: insert) else { return nil }
        var d = doc
        d[first] = child
        return d
    }

    static func userMetadata(_ metadata: JSONValue) -> JSONValue {
        var out: JSONValue = [:]
        for key in ["labels", "annotations", "finalizers", "ownerReferences"] { if let v = metadata[key] { out[key] = v } }
        return out
    }

    static func fields(_ value: JSONValue) -> JSONValue {
        guard case .object(let o) = value else { return [:] }
        var out: JSONValue = [:]
        for (k, v) in o { out["f:" + k] = v.objectValue != nil ? fields(v) : [:] }
        return out
    }

    static func entries(_ existing: JSONValue?, replacing manager: String, operation: String, subresource: String?,
                        object: JSONValue, apiVersion: String, now: String) -> JSONValue {
        var list = (existing?.arrayValue ?? []).filter {
            !($0["manager"]?.stringValue == manager && $0["operation"]?.stringValue == operation
              && $0["subresource"]?.stringValue == subresource)
        }
        var entry: JSONValue = ["manager": .string(manager), "operation": .string(operation),
                                "apiVersion": .string(apiVersion), "time": .string(now), "fieldsType": "FieldsV1",
                                "fieldsV1": fields(object)]
        if let subresource { entry["subresource"] = .string(subresource) }
        list.append(entry)
        return .array(list)
    }
}
#endif
