import JSON

/// Turns stored objects into what a served resource version answers.
enum Presenter {
    static func present(_ object: JSONValue, as type: ResourceType) -> JSONValue {
        var out = object
        if type.group == "events.k8s.io" && type.resource == "events" { out = EventConversion.toEventsV1(object) }
        out["apiVersion"] = .string(type.apiVersion)
        return out
    }

    /// A list object: CR lists with sorted keys and `continue: ""` always present,
    /// built-in lists in Go order with `continue` only when paging goes on.
    static func list(_ result: ListResult, as type: ResourceType) -> JSONValue {
        let items = result.items.map { present($0, as: type) }
        var metadata: JSONValue = [:]
        if type.isCustom {
            metadata["continue"] = .string(result.continueToken ?? "")
            if let remaining = result.remaining { metadata["remainingItemCount"] = .int(Int64(remaining)) }
            metadata["resourceVersion"] = .string(String(result.resourceVersion))
            return ["apiVersion": .string(type.apiVersion), "items": .array(items), "kind": .string(type.listKind),
                    "metadata": metadata]
        }
        metadata["resourceVersion"] = .string(String(result.resourceVersion))
        if let token = result.continueToken, !token.isEmpty { metadata["continue"] = .string(token) }
        if let remaining = result.remaining { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        return ["kind": .string(type.listKind), "apiVersion": .string(type.apiVersion), "metadata": metadata,
                "items": .array(items)]
    }

    /// A BOOKMARK event's object: kind, apiVersion and the resourceVersion only.
    static func bookmark(rv: Int64, initialEventsEnd: Bool, type: ResourceType) -> JSONValue {
        var metadata: JSONValue = [:]
        if type.isCustom {
            if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
            metadata["resourceVersion"] = .string(String(rv))
            return ["apiVersion": .string(type.apiVersion), "kind": .string(type.kind), "metadata": metadata]
        }
        metadata["resourceVersion"] = .string(String(rv))
        metadata["creationTimestamp"] = .null
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return ["kind": .string(type.kind), "apiVersion": .string(type.apiVersion), "metadata": metadata]
    }

    static func deleteStatus(_ object: JSONValue, type: ResourceType) -> JSONValue {
        var details: JSONValue = ["name": object[path: "metadata", "name"] ?? ""]
        if !type.group.isEmpty { details["group"] = .string(type.group) }
        details["kind"] = .string(type.resource)
        details["uid"] = object[path: "metadata", "uid"] ?? ""
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details]
    }
}
