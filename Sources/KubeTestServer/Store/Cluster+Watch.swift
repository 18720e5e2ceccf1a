import JSON

/// An open watch.
struct Watcher: Sendable {
    var storage: GroupResource
    var type: ResourceType
    var namespace: String?
    var options: ListOptions
    var continuation: AsyncStream<WatchItem>.Continuation
    /// Events at or below this resourceVersion were already covered (replay or initial state).
    var minRV: Int64
    var tasks: [Task<Void, Never>] = []
}

extension Cluster {
    /// Opens a watch (05): initial state or replay from a resourceVersion, then live events.
    func watch(type: ResourceType, namespace: String?, options: ListOptions) throws(APIError) -> AsyncStream<WatchItem> {
        try validateSelectors(type: type, options: options)
        if options.sendInitialEvents == true, options.resourceVersionMatch != "NotOlderThan" {
            throw APIError.invalidOptions("ListOptions", errors: [
                .forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"),
            ])
        }
        let (stream, continuation) = AsyncStream<WatchItem>.makeStream()
        let rvParam = options.resourceVersion ?? ""
        let storage = type.storage
        var minRV = resourceVersion
        func visible(_ key: ObjectKey) -> Bool { namespace.map { key.namespace == $0 } ?? true }

        if options.sendInitialEvents == true || rvParam.isEmpty || rvParam == "0" {
            for (key, object) in (objects[storage] ?? [:]).sorted(by: { $0.key < $1.key })
            where visible(key) && matches(type: type, object: object, options: options) {
                continuation.yield(.event(.added, object))
            }
            if options.allowWatchBookmarks {
                continuation.yield(.bookmark(rv: resourceVersion, initialEventsEnd: true))
            }
        } else {
            guard let rv = Int64(rvParam) else {
                throw APIError.badRequest("invalid resource version: strconv.ParseUint: parsing \"\(rvParam)\": invalid syntax")
            }
            let oldest = compactedRV[storage] ?? 1
            if rv < oldest {
                continuation.yield(.error(APIError(code: 410, reason: "Expired",
                                                   message: "too old resource version: \(rv) (\(oldest))").status))
                continuation.finish()
                return stream
            }
            if rv < resourceVersion {
                for entry in history[storage] ?? [] where entry.rv > rv && visible(entry.key) {
                    if let item = transition(entry, type: type, options: options) { continuation.yield(item) }
                }
            } else {
                minRV = rv
            }
        }

        nextWatcherID += 1
        let id = nextWatcherID
        var watcher = Watcher(storage: storage, type: type, namespace: namespace, options: options,
                              continuation: continuation, minRV: minRV)
        let clock = config.clock
        if let timeout = options.timeoutSeconds, timeout > 0 {
            watcher.tasks.append(Task { [weak self] in
                do { try await clock.sleep(for: .seconds(timeout)) } catch { return }
                await self?.endWatch(id)
            })
        }
        if options.allowWatchBookmarks {
            let interval = config.bookmarkInterval
            watcher.tasks.append(Task { [weak self] in
                while !Task.isCancelled {
                    do { try await clock.sleep(for: interval) } catch { return }
                    await self?.sendBookmark(id)
                }
            })
        }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.forgetWatch(id) }
        }
        watchers[id] = watcher
        return stream
    }

    /// Delivers a recorded change to the matching watches.
    func dispatch(_ storage: GroupResource, _ entry: HistoryEntry) {
        for (_, watcher) in watchers where watcher.storage == storage && entry.rv > watcher.minRV {
            if let ns = watcher.namespace, entry.key.namespace != ns { continue }
            if let item = transition(entry, type: watcher.type, options: watcher.options) {
                watcher.continuation.yield(item)
            }
        }
    }

    /// Selector-filtered watches turn "starts matching" into ADDED and "stops matching" into DELETED.
    func transition(_ entry: HistoryEntry, type: ResourceType, options: ListOptions) -> WatchItem? {
        let now = matches(type: type, object: entry.object, options: options)
        let before = entry.previous.map { matches(type: type, object: $0, options: options) } ?? false
        switch entry.type {
        case .added: return now ? .event(.added, entry.object) : nil
        case .modified:
            if before && now { return .event(.modified, entry.object) }
            if now { return .event(.added, entry.object) }
            if before, var last = entry.previous {
                // Like the API server's watch cache: the last state that matched, at the new resourceVersion.
                last[path: "metadata", "resourceVersion"] = entry.object[path: "metadata", "resourceVersion"]
                return .event(.deleted, last)
            }
            return nil
        case .deleted: return (before || now) ? .event(.deleted, entry.object) : nil
        }
    }

    func sendBookmark(_ id: Int) {
        watchers[id]?.continuation.yield(.bookmark(rv: resourceVersion, initialEventsEnd: false))
    }

    /// Ends a watch cleanly (timeoutSeconds elapsed, or the server drops it).
    func endWatch(_ id: Int) {
        guard let watcher = watchers.removeValue(forKey: id) else { return }
        for task in watcher.tasks { task.cancel() }
        watcher.continuation.finish()
    }

    private func forgetWatch(_ id: Int) {
        guard let watcher = watchers.removeValue(forKey: id) else { return }
        for task in watcher.tasks { task.cancel() }
    }

    /// Closes every open watch (fault injection, restart, shutdown).
    func dropAllWatches() {
        for id in Array(watchers.keys) { endWatch(id) }
    }

    var openWatchCount: Int { watchers.count }
}
