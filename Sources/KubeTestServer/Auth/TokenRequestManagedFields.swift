import JSON
import KubePatch

/// The `metadata.managedFields` a real API server puts on a TokenRequest response: its field
/// manager records the fields the client sent (`f:spec` of what it set, not the defaulted
/// audiences), under the client's manager, as an `Update` of the `token` subresource.
enum TokenRequestManagedFields {
    static let apiVersion = "authentication.k8s.io/v1"

    /// The entries for a request body sent by `manager`; nil when the client set no field.
    static func entries(requestBody: JSONValue, manager: String, now: String) -> JSONValue? {
        // Go decodes into a typed struct: explicit nulls are no fields at all.
        let spec = (requestBody["spec"]?.objectValue ?? [:]).filter { $0.value != .null }
        let sent: JSONValue = ["apiVersion": .string(apiVersion), "kind": "TokenRequest", "metadata": [:],
                               "spec": .object(spec)]
        // `spec` is a struct, not a pointer, in Go: a new TokenRequest already has `spec: {}`, so
        // the entry has no "." for it (BuiltinSchemas gives this skeleton to the review kinds only).
        var schema = BuiltinSchemas.kindSchema(apiVersion: apiVersion, kind: "TokenRequest")
        schema.skeleton = ["spec": .emptyObject]
        let recorded = ServerSideApply.recordUpdate(old: nil, new: sent, manager: manager, subresource: "token",
                                                    schema: schema, now: now)
        return recorded[path: "metadata", "managedFields"]
    }
}
