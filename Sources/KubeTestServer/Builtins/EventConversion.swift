import JSON
import KubePatch

/// core/v1 and events.k8s.io/v1 Events share one storage (kept in core
/// form); these convert between the two field spellings.
enum EventConversion {
    static let coreOrder = [
        "kind", "apiVersion", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp",
        "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
        "reportingInstance",
    ]

    /// events.k8s.io/v1 -> core/v1.
    static func toCore(_ event: JSONValue) -> JSONValue {
        var core: JSONValue = [:]
        let renames = [
            ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
            ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
            ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
        ]
        for (k, v) in event.objectValue ?? [:] {
            let target = renames.first { $0.0 == k }?.1 ?? k
            core[target] = v
        }
        return normalizeCore(core)
    }

    /// Fills the fields the core Event type always serialises, in Go order.
    static func normalizeCore(_ event: JSONValue) -> JSONValue {
        var e = event
        if e["source"] == nil { e["source"] = [:] }
        if e["firstTimestamp"] == nil { e["firstTimestamp"] = .null }
        if e["lastTimestamp"] == nil { e["lastTimestamp"] = .null }
        if e["eventTime"] == nil { e["eventTime"] = .null }
        if e["reportingComponent"] == nil { e["reportingComponent"] = "" }
        if e["reportingInstance"] == nil { e["reportingInstance"] = "" }
        if e["involvedObject"] == nil { e["involvedObject"] = [:] }
        var out: JSONValue = [:]
        for key in coreOrder { if let v = e[key] { out[key] = v } }
        for (k, v) in e.objectValue ?? [:] where !coreOrder.contains(k) { out[k] = v }
        return out
    }

    static let v1Order = [
        "kind", "apiVersion", "metadata", "eventTime", "series", "reportingController", "reportingInstance", "action",
        "reason", "regarding", "related", "note", "type", "deprecatedSource", "deprecatedFirstTimestamp",
        "deprecatedLastTimestamp", "deprecatedCount",
    ]

    /// core/v1 -> events.k8s.io/v1.
    static func toEventsV1(_ core: JSONValue) -> JSONValue {
        var e: JSONValue = [:]
        let renames = [
            ("involvedObject", "regarding"), ("message", "note"), ("reportingComponent", "reportingController"),
            ("source", "deprecatedSource"), ("firstTimestamp", "deprecatedFirstTimestamp"),
            ("lastTimestamp", "deprecatedLastTimestamp"), ("count", "deprecatedCount"),
        ]
        for (k, v) in core.objectValue ?? [:] {
            let target = renames.first { $0.0 == k }?.1 ?? k
            e[target] = v
        }
        if e["reportingController"]?.stringValue == "" { e["reportingController"] = nil }
        if e["reportingInstance"]?.stringValue == "" { e["reportingInstance"] = nil }
        if e["deprecatedCount"]?.intValue == 0 { e["deprecatedCount"] = nil }
        if e["deprecatedSource"] == nil { e["deprecatedSource"] = [:] }
        var out: JSONValue = [:]
        for key in v1Order { if let v = e[key] { out[key] = v } }
        for (k, v) in e.objectValue ?? [:] where !v1Order.contains(k) { out[k] = v }
        return out
    }

    /// Converts Events between core/v1 and events.k8s.io/v1 for the managedFields bookkeeping:
    /// each manager's entry stays in the version it was written in.
    struct Converter: VersionConverter {
        static let coreVersion = "v1"
        static let eventsVersion = "events.k8s.io/v1"

        func converted(_ object: JSONValue, to apiVersion: String) -> VersionedObject? {
            let from = object["apiVersion"]?.stringValue ?? ""
            var out: JSONValue
            switch (from, apiVersion) {
            case (Self.coreVersion, Self.eventsVersion): out = EventConversion.toEventsV1(object)
            case (Self.eventsVersion, Self.coreVersion): out = EventConversion.toCore(object)
            case (Self.coreVersion, Self.coreVersion), (Self.eventsVersion, Self.eventsVersion): out = object
            default: return nil
            }
            out["apiVersion"] = .string(apiVersion)
            return VersionedObject(object: out, schema: BuiltinSchemas.schema(apiVersion: apiVersion, kind: "Event"))
        }
    }
}
