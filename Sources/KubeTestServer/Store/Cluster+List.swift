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
        /// The resourceVersion `state` reflects (for the key index).
        var stateRV = resourceVersion
        var listRV = resourceVersion
        var start: String?
        var limit = options.limit.flatMap { $0 > 0 ? $0 : nil }

        if let raw = options.continueToken, !raw.isEmpty {
            let token = try ContinueToken(decoding: raw)
            if token.rv == -1 {
                state = objects[type.storage] ?? [:]
            } else if let snap = listSnapshot(type.storage, at: token.rv) {
                state = snap
                listRV = token.rv
                stateRV = token.rv
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
                guard let snap = listSnapshot(type.storage, at: rv) else {
                    throw APIError.gone("too old resource version: \(rv) (\(compactedRV[type.storage] ?? 1))")
                }
                state = snap
                listRV = rv
                stateRV = rv
            } else {
                if rv > resourceVersion { throw tooLargeResourceVersion(rv) }
                state = objects[type.storage] ?? [:]
            }
        } else {
            state = objects[type.storage] ?? [:]
        }

        // Keys in etcd order from the cached index: a binary search finds the namespace's
        // range and the continue position, so a page costs O(log N + page), not a sort of N.
        let index = keyIndex(type.storage, state: state, asOf: stateRV)
        let prefix = (type.namespaced ? namespace.map { $0 + "/" } : nil) ?? ""
        var position = index.lowerBound(prefix)
        let end = prefix.isEmpty ? index.keys.count : index.lowerBound(String(prefix.dropLast()) + "0")  // '0' follows '/'
        if let start {
            // The token's start is relative to the listed prefix: `/b\u{0}` or `/ns/b\u{0}`.
            position = max(position, index.lowerBound(prefix + String(start.dropFirst())))
        }
        func keyString(_ key: ObjectKey) -> String {
            (type.namespaced && namespace == nil) ? "/\(key.namespace)/\(key.name)" : "/\(key.name)"
        }
        let filtering = !options.labelSelector.isEmpty || !options.fieldSelector.isEmpty
        var items: [JSONValue] = []
        var lastKey: ObjectKey?
        while position < end {
            if let limit, items.count >= limit { break }
            let key = index.keys[position]
            position += 1
            guard let object = state[key] else { continue }
            if matches(type: type, object: object, options: options) {
                items.append(object)
                lastKey = key
            }
        }
        let remainingCandidates = end - position
        var continueToken: String? = ""
        var remaining: Int?
        if limit != nil, remainingCandidates > 0, let lastKey {
            continueToken = ContinueToken(rv: listRV, start: keyString(lastKey) + "\u{0}").encoded
            if !filtering { remaining = remainingCandidates }
        }
        return ListResult(items: items, resourceVersion: listRV, continueToken: continueToken, remaining: remaining)
    }

    /// The storage's objects as of `rv` (nil when compacted away): undoes only the changes
    /// after `rv`, newest first, instead of walking the whole history.
    func listSnapshot(_ storage: GroupResource, at rv: Int64) -> [ObjectKey: JSONValue]? {
        if rv >= resourceVersion { return objects[storage] ?? [:] }
        if rv < (compactedRV[storage] ?? 1) { return nil }
        var state = objects[storage] ?? [:]
        for entry in (history[storage] ?? []).reversed() {
            if entry.rv <= rv { break }
            state[entry.key] = entry.previous
        }
        return state
    }

    /// The sorted keys of `state` (the storage as of `asOf`), reusing the cached index when
    /// no object of the storage was created or deleted between the two resourceVersions.
    func keyIndex(_ storage: GroupResource, state: [ObjectKey: JSONValue], asOf: Int64) -> ListKeyIndex {
        if let cached = listIndexes[storage], cached.keys.count == state.count,
           !keySetChanged(storage, between: min(cached.asOf, asOf), and: max(cached.asOf, asOf)) {
            return cached
        }
        let index = ListKeyIndex(asOf: asOf, keys: state.keys)
        listIndexes[storage] = index
        return index
    }

    /// Whether an object of `storage` was created or deleted in `(low, high]`; true when the
    /// history that would tell was compacted away.
    private func keySetChanged(_ storage: GroupResource, between low: Int64, and high: Int64) -> Bool {
        if (compactedRV[storage] ?? 0) > low { return low != high }
        for entry in (history[storage] ?? []).reversed() {
            if entry.rv <= low { break }
            if entry.rv <= high && entry.type != .modified { return true }
        }
        return false
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
