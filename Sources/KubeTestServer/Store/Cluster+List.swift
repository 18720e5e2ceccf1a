import JSON

extension Cluster {
    func get(type: ResourceType, namespace: String, name: String) throws(APIError) -> JSONValue {
        guard let object = objects[type.storage]?[ObjectKey(namespace: type.namespaced ? namespace : "", name: name)] else {
            throw APIError.notFound(type, name: name)
        }
        return object
    }

    /// LIST with selectors, paging and resourceVersion semantics (06).
    func list(type: ResourceType, namespace: String?, options: ListOptions) throws(APIError) -> ListResult {
        try validateSelectors(type: type, options: options)
        let rvParam = options.resourceVersion ?? ""
        if options.resourceVersionMatch != nil && rvParam.isEmpty && options.continueToken == nil {
            throw APIError.invalidOptions("ListOptions", errors: [
                .forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"),
            ])
        }
        if let match = options.resourceVersionMatch, !["Exact", "NotOlderThan"].contains(match) {
            throw APIError.invalidOptions("ListOptions", errors: [
                .notSupported("resourceVersionMatch", value: "\"\(match)\"", supported: ["Exact", "NotOlderThan"]),
            ])
        }
        var state: [ObjectKey: JSONValue]
        var listRV = resourceVersion
        var start: String?
        var limit = options.limit.flatMap { $0 > 0 ? $0 : nil }

        if let raw = options.continueToken, !raw.isEmpty {
            let token = try ContinueToken(decoding: raw)
            if token.rv == -1 {
                state = objects[type.storage] ?? [:]
            } else if let snap = snapshot(type.storage, at: token.rv) {
                state = snap
                listRV = token.rv
            } else {
                let inconsistent = ContinueToken(rv: -1, start: token.start.hasPrefix("/") ? String(token.start.dropFirst()) : token.start)
                var error = APIError.gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                error.continueToken = inconsistent.encoded
                throw error
            }
            start = token.start.hasPrefix("/") ? token.start : "/" + token.start
        } else if !rvParam.isEmpty {
            guard let rv = Int64(rvParam) else {
                throw APIError.badRequest("invalid resource version: strconv.ParseUint: parsing \"\(rvParam)\": invalid syntax")
            }
            if rv == 0 {
                state = objects[type.storage] ?? [:]
                limit = nil
            } else if options.resourceVersionMatch == "Exact" {
                guard let snap = snapshot(type.storage, at: rv) else {
                    throw APIError.gone("too old resource version: \(rv) (\(compactedRV[type.storage] ?? 1))")
                }
                state = snap
                listRV = rv
            } else {
                if rv > resourceVersion { throw tooLargeResourceVersion(rv) }
                state = objects[type.storage] ?? [:]
            }
        } else {
            state = objects[type.storage] ?? [:]
        }

        let filtered = state.filter { key, _ in namespace.map { key.namespace == $0 } ?? true }
            .sorted { $0.key < $1.key }
        func keyString(_ key: ObjectKey) -> String {
            (type.namespaced && namespace == nil) ? "/\(key.namespace)/\(key.name)" : "/\(key.name)"
        }
        let candidates = filtered.filter { start == nil || keyString($0.key) >= start! }
        let filtering = !options.labelSelector.isEmpty || !options.fieldSelector.isEmpty
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        var consumed = 0
        for (key, object) in candidates {
            if let limit, items.count >= limit { break }
            consumed += 1
            if matches(type: type, object: object, options: options) {
                items.append(object)
                lastKey = key
            }
        }
        let remainingCandidates = candidates.count - consumed
        var continueToken: String? = ""
        var remaining: Int?
        if limit != nil, remainingCandidates > 0, let lastKey {
            continueToken = ContinueToken(rv: listRV, start: keyString(lastKey) + "\u{0}").encoded
            if !filtering { remaining = remainingCandidates }
        }
        return ListResult(items: items, resourceVersion: listRV, continueToken: continueToken, remaining: remaining)
    }

    func tooLargeResourceVersion(_ rv: Int64) -> APIError {
        APIError(code: 504, reason: "Timeout", message: "Timeout: Too large resource version: \(rv), current: \(resourceVersion)",
                 causes: [.init(reason: "ResourceVersionTooLarge", message: "Too large resource version", field: nil)],
                 retryAfterSeconds: 1)
    }

    func validateSelectors(type: ResourceType, options: ListOptions) throws(APIError) {
        var supported: Set<String> = ["metadata.name", "metadata.namespace"]
        supported.formUnion(type.fieldSelectors)
        do { try options.fieldSelector.validate(supported: supported) } catch { throw APIError.badRequest(error.message) }
    }

    func matches(type: ResourceType, object: JSONValue, options: ListOptions) -> Bool {
        options.labelSelector.matches(object: object)
            && options.fieldSelector.matches { Self.fieldValue(type: type, object: object, field: $0) }
    }

    /// The value a field selector compares against (objects are in storage form).
    static func fieldValue(type: ResourceType, object: JSONValue, field: String) -> String {
        var path = field.split(separator: ".").map(String.init)
        if type.resource == "events" {
            let renames = ["regarding": "involvedObject", "reportingController": "reportingComponent", "deprecatedSource": "source"]
            if let first = path.first, let renamed = renames[first] { path[0] = renamed }
            if path == ["source"] { path = ["source", "component"] }
        }
        guard let value = object[keyPath: path] else { return "" }
        switch value {
        case .string(let s): return s
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        default: return value.serialized()
        }
    }
}
