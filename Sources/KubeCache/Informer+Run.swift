import KubeWatch

extension Informer {
    /// Runs the watcher and keeps the store and handlers current until the calling task is
    /// cancelled. Call it once, from a task of its own.
    public func run() async {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else {
            logger.warning("Informer.run() called twice; the second call returns at once", metadata: ["source": "\(watcher.source)"])
            return
        }
        await withDiscardingTaskGroup { group in
            if let period = configuration.resyncPeriod {
                group.addTask { await self.resyncLoop(every: period) }
            }
            var buffer: [Object]?
            for await event in watcher {
                handle(event, buffer: &buffer)
            }
            group.cancelAll()
        }
    }

    func handle(_ event: WatcherEvent<Object>, buffer: inout [Object]?) {
        switch event {
        case .initStarted:
            buffer = []
        case .initApply(let object):
            if buffer == nil { buffer = [] }
            buffer?.append(prepared(object))
        case .initDone:
            let objects = buffer ?? []
            buffer = nil
            let summary = dispatch.withLock { dispatch -> Store<Object>.Replacement in
                let result = store.replace(with: objects)
                for (_, handler) in dispatch.handlers {
                    for object in result.added { handler.onAdd(object) }
                    for (old, new) in result.updated { handler.onUpdate(old, new) }
                    for object in result.deleted { handler.onDelete(object) }
                }
                return result
            }
            logger.debug("listed", metadata: ["source": "\(watcher.source)", "objects": "\(objects.count)",
                                              "added": "\(summary.added.count)", "updated": "\(summary.updated.count)",
                                              "deleted": "\(summary.deleted.count)"])
            synced.set()
        case .apply(let object):
            let object = prepared(object)
            dispatch.withLock { dispatch in
                let old = store.upsert(object)
                for (_, handler) in dispatch.handlers {
                    if let old { handler.onUpdate(old, object) } else { handler.onAdd(object) }
                }
            }
        case .delete(let object):
            let object = prepared(object)
            dispatch.withLock { dispatch in
                // A delete for an object never cached (e.g. created and deleted between a list
                // and its watch) has nothing to undo and nothing to report.
                guard store.remove(store.key(of: object)) != nil else { return }
                for (_, handler) in dispatch.handlers { handler.onDelete(object) }
            }
        case .error:
            // Already logged by the watcher, which recovers by itself.
            break
        }
    }

    /// The object as it is cached: without managedFields, then through the user's transform.
    func prepared(_ object: Object) -> Object {
        var object = object
        if configuration.stripManagedFields { watcher.source.removeManagedFields(from: &object) }
        configuration.transform?(&object)
        return object
    }

    func resyncLoop(every period: Duration) async {
        while true {
            do { try await clock.sleep(for: period) } catch { return }
            guard synced.isSet else { continue }
            dispatch.withLock { dispatch in
                let objects = store.list()
                for (_, handler) in dispatch.handlers {
                    for object in objects { handler.onUpdate(object, object) }
                }
            }
        }
    }
}
