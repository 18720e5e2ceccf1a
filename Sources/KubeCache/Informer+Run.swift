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
            var buffer: Store<Object>.Contents?
            for await event in watcher {
                handle(event, buffer: &buffer)
            }
            group.cancelAll()
        }
    }

    func handle(_ event: WatcherEvent<Object>, buffer: inout Store<Object>.Contents?) {
        switch event {
        case .initStarted:
            buffer = Store<Object>.Contents()
        case .initApply(let object):
            // Straight into the new store's entries: no list of objects to copy at the end.
            // Taken out so that the contents are uniquely referenced and grow in place.
            var contents = buffer.take() ?? Store<Object>.Contents()
            store.insert(prepared(object), into: &contents)
            buffer = contents
        case .initDone:
            let contents = buffer.take() ?? Store<Object>.Contents()
            let summary = dispatch.withLock { dispatch -> Store<Object>.Replacement in
                let result = store.replace(with: contents)
                for (_, handler) in dispatch.handlers {
                    for entry in result.added { handler.onAdd(entry.object) }
                    for (old, new) in result.updated { handler.onUpdate(old.object, new.object) }
                    for entry in result.deleted { handler.onDelete(entry.object) }
                }
                return result
            }
            logger.debug("listed", metadata: ["source": "\(watcher.source)", "objects": "\(contents.count)",
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
