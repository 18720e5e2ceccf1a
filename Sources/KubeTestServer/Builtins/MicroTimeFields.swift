import JSON

/// `MicroTime` fields must carry exactly six fractional digits; the server
/// normalises them to UTC (08-leases.md).
enum MicroTimeFields {
    static func paths(for type: ResourceType) -> [[String]] {
        switch (type.group, type.resource) {
        case ("coordination.k8s.io", "leases"): return [["spec", "acquireTime"], ["spec", "renewTime"]]
        case ("", "events"), ("events.k8s.io", "events"): return [["eventTime"]]
        default: return []
        }
    }

    /// Normalises the fields in place; returns Go's parse error text for the first bad one.
    static func normalize(type: ResourceType, object: inout JSONValue) -> String? {
        for path in paths(for: type) {
            guard let text = object[keyPath: path]?.stringValue else { continue }
            switch Timestamps.normalizeMicroTime(text) {
            case .success(let normalized): object[keyPath: path] = .string(normalized)
            case .failure(let error): return error.message
            }
        }
        return nil
    }
}
