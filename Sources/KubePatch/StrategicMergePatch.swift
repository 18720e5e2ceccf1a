public import JSON
import OrderedCollections

/// Strategic merge patch (`application/strategic-merge-patch+json`), the
/// built-in kinds' patch format, with the semantics of
/// k8s.io/apimachinery/pkg/util/strategicpatch as the API server runs it.
///
/// Like a merge patch, but lists the schema marks as merging are merged:
/// lists of objects by their merge key, lists of scalars as sets. Directives:
/// `$patch: replace | delete` on objects and list items, `$retainKeys`,
/// `$deleteFromPrimitiveList/<list>`, `$setElementOrder/<list>`; `null`
/// deletes a key.
///
/// Where the Go code has accidents, this one is sane: a deletion list for a
/// list that does not exist deletes nothing (instead of becoming the list),
/// and values taken from the patch are cleaned of directives and nulls
/// (which the API server's decoding drops).
public enum StrategicMergePatch {
    /// Applies `patch` to `target`.
    ///
    /// - Throws: 400 BadRequest when the patch is not an object or a
    ///   directive is malformed (unknown `$patch`, item without its merge key,
    ///   `$retainKeys` not listing a patched key, mismatching `$setElementOrder`).
    public static func apply(_ patch: JSONValue, to target: JSONValue, schema: some PatchSchema) throws(PatchError) -> JSONValue {
        switch patch {
        case .null:
            return target
        case .object(let members):
            let merger = StrategicMerger(schema: schema)
            return .object(try merger.mergeMap(target.objectValue ?? [:], members, path: []))
        default:
            throw .badRequest("json: cannot unmarshal \(JSONPatch.goTypeName(patch)) into Go value of type map[string]interface {}")
        }
    }
}
