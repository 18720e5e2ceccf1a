import JSON

/// Builds RFC 7386 JSON merge patches.
enum MergePatch {
    /// The merge patch that turns `old` into `new`: changed members, `null` for removed ones,
    /// arrays and scalars replaced whole. nil when they are equal.
    static func diff(from old: JSONValue?, to new: JSONValue) -> JSONValue? {
        guard let old else { return new }
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
            // Spelled out: `cond ? nil : new` would make `nil` a JSON null (JSONValue is nil-literal expressible).
            if old == new { return nil }
            return new
        }
        var patch = JSONValue.emptyObject
        var changed = false
        for (key, value) in newMembers {
            if let member = diff(from: oldMembers[key], to: value) {
                // A member that became `null` stays `null` (delete) in the patch.
                patch[key] = member
                changed = true
            }
        }
        for key in oldMembers.keys where newMembers[key] == nil {
            patch[key] = .null
            changed = true
        }
        if !changed { return nil }
        return patch
    }

    /// Applies a merge patch (RFC 7386): objects merge member by member, `null` removes,
    /// anything else replaces.
    static func apply(_ patch: JSONValue, to target: JSONValue?) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result: JSONValue = if case .object = target { target ?? .emptyObject } else { .emptyObject }
        for (key, value) in members {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key])
            }
        }
        return result
    }
}
