import Foundation
import JSON

/// Compares a recorded response body with the test server's by SHAPE: the same
/// keys at every level, the same value types, and the same values for the keys
/// whose values carry meaning (`kind`, `reason`, `message`, ...). Values that a
/// real server makes up (uids, timestamps, resourceVersions, tokens) are only
/// checked for presence and type.
enum TranscriptReplayShape {
    /// Keys whose values are random or time-dependent: only presence and type are compared.
    static let ignoredValueKeys: Set<String> = [
        "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "time", "lastTransitionTime",
        "continue", "remainingItemCount", "clusterIP", "clusterIPs", "token", "expirationTimestamp",
        "eventTime", "firstTimestamp", "lastTimestamp", "deprecatedFirstTimestamp", "deprecatedLastTimestamp",
        "serverAddress", "clientCIDR", "holderIdentity", "renewTime", "acquireTime",
    ]

    /// Keys whose scalar values must be equal (after `normalise` for messages).
    static let comparedValueKeys: Set<String> = [
        "kind", "apiVersion", "reason", "code", "status", "message", "name", "namespace", "generation",
        "field", "type", "manager", "operation", "subresource", "observedGeneration", "allowed", "denied",
    ]

    /// Removes values that differ between servers from free text: uuids, timestamps, long numbers (RVs).
    static func normalise(_ text: String) -> String {
        var s = text
        let patterns = [
            ("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uid>"),
            ("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9:]+)", "<time>"),
            // resourceVersions quoted in messages ("current: 2630", "(1969)", "version: 5").
            ("(version:? |current: |\\(|ResourceVersion in record \\()[0-9]+", "$1<n>"),
            // ... and inside objects quoted as JSON text (`\"resourceVersion\":\"2807\"`).
            (#"(\\"resourceVersion\\":\\")[0-9]+"#, "$1<n>"),
            ("[ \t]+\n", "\n"),
        ]
        for (pattern, replacement) in patterns {
            s = s.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func isOmissionMarker(_ value: JSONValue) -> Bool {
        if case .string(let s) = value { return s.contains("omitted") || s.hasPrefix("...") }
        return false
    }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .int, .double: return "number"
        default: return value.typeName
        }
    }

    /// Every difference, as `path: what` lines; empty when the shapes agree.
    static func differences(recorded: JSONValue, actual: JSONValue, abbreviated: Bool) -> [String] {
        var out: [String] = []
        compare(recorded, actual, path: "$", key: nil, abbreviated: abbreviated, into: &out)
        return out
    }

    private static func compare(_ rec: JSONValue, _ act: JSONValue, path: String, key: String?, abbreviated: Bool,
                                into out: inout [String]) {
        if abbreviated, isOmissionMarker(rec) { return }
        guard kind(rec) == kind(act) else {
            out.append("\(path): type \(kind(act)) (\(act.serialized().prefix(120))), recorded \(kind(rec)) (\(rec.serialized().prefix(120)))")
            return
        }
        if let key, ignoredValueKeys.contains(key) { return }
        switch (rec, act) {
        case (.object(let recordedObject), .object(let actualObject)):
            // Keys may quote uids (`k:{"uid":"..."}` in managedFields): compare them normalised.
            let r = Dictionary(recordedObject.map { (normalise($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            var a = Dictionary(actualObject.map { (normalise($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            if abbreviated {
                // An abbreviation may flatten a path into one key ("spec.template.spec.containers").
                for k in r.keys where a[k] == nil && k.contains(".") {
                    if let value = act[keyPath: k.split(separator: ".").map(String.init)] { a[k] = value }
                }
            }
            let recKeys = Set(r.keys).subtracting(abbreviated ? ["..."] : [])
            let actKeys = Set(a.keys)
            let missing = recKeys.subtracting(actKeys).sorted()
            let extra = abbreviated ? [] : actKeys.subtracting(recKeys).sorted()
            if !missing.isEmpty { out.append("\(path): missing keys \(missing)") }
            if !extra.isEmpty { out.append("\(path): extra keys \(extra)") }
            for k in r.keys.sorted() where recKeys.contains(k) {
                guard let av = a[k], let rv = r[k] else { continue }
                compare(rv, av, path: "\(path).\(k)", key: k, abbreviated: abbreviated, into: &out)
            }
        case (.array(let r), .array(let a)):
            if abbreviated {
                // Items were dropped or reduced: every kept item must match some served item.
                for (i, item) in r.enumerated() where !isOmissionMarker(item) {
                    let found = a.contains { differences(recorded: item, actual: $0, abbreviated: true).isEmpty }
                    if !found {
                        let closest = a.map { differences(recorded: item, actual: $0, abbreviated: true) }.min { $0.count < $1.count }
                        out.append("\(path)[\(i)]: no served item matches \(item.serialized().prefix(160)); nearest differs by \(closest ?? [])")
                    }
                }
            } else if r.count != a.count {
                out.append("\(path): \(a.count) items, recorded \(r.count)")
            } else {
                for i in r.indices {
                    compare(r[i], a[i], path: "\(path)[\(i)]", key: nil, abbreviated: false, into: &out)
                }
            }
        default:
            guard let key, comparedValueKeys.contains(key) else { return }
            var equal = rec == act
            if !equal, case .string(let rs) = rec, case .string(let as_) = act {
                equal = normalise(rs) == normalise(as_)
            }
            if !equal { out.append("\(path): \(act.serialized()), recorded \(rec.serialized())") }
        }
    }

    /// Pairs values the real server made up with the test server's (`resourceVersion`, `uid`,
    /// `continue`), so later requests that quote a recorded value can be rewritten.
    static func collectSubstitutions(recorded: JSONValue, actual: JSONValue, into map: inout [String: String]) {
        switch (recorded, actual) {
        case (.object(let r), .object(let a)):
            for (k, rv) in r {
                guard let av = a[k] else { continue }
                if ["resourceVersion", "uid", "continue"].contains(k), case .string(let rs) = rv, case .string(let as_) = av,
                   !rs.isEmpty, !as_.isEmpty, map[rs] == nil {
                    map[rs] = as_
                } else {
                    collectSubstitutions(recorded: rv, actual: av, into: &map)
                }
            }
        case (.array(let r), .array(let a)):
            for (rv, av) in zip(r, a) { collectSubstitutions(recorded: rv, actual: av, into: &map) }
        default:
            break
        }
    }
}
