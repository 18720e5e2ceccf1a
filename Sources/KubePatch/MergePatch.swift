public import JSON
import OrderedCollections

/// JSON merge patch (RFC 7386, `application/merge-patch+json`).
///
/// Objects merge recursively, `null` deletes a key, everything else
/// (scalars and lists, even lists the schema calls maps) replaces.
public enum MergePatch {
    /// Applies `patch` to `target`.
    ///
    /// A patch that is not an object replaces the target (the API server
    /// rejects such patches for whole objects; that check is the caller's).
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result: OrderedDictionary<String, JSONValue>
        if case .object(let members) = target { result = members } else { result = [:] }
        for (key, value) in patchMembers {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// The smallest merge patch that turns `original` into `modified`:
    /// changed and added keys with their new values, removed keys as `null`,
    /// `{}` when nothing changed.
    ///
    /// - Important: merge patches cannot express a `null` value inside
    ///   `modified` (it means "delete"), so such values do not round-trip.
    public static func create(from original: JSONValue, to modified: JSONValue) -> JSONValue {
        guard case .object(let old) = original, case .object(let new) = modified else {
            return original == modified ? .emptyObject : modified
        }
        var patch = OrderedDictionary<String, JSONValue>()
        for (key, newValue) in new {
            guard let oldValue = old[key] else {
                patch[key] = newValue
                continue
            }
            if oldValue == newValue { continue }
            if case .object = oldValue, case .object = newValue {
                patch[key] = create(from: oldValue, to: newValue)
            } else {
                patch[key] = newValue
            }
        }
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        return .object(patch)
    }
}
