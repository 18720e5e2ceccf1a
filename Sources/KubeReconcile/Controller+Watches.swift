public import KubeCache
public import KubeClient

/// Event sources: which cache changes enqueue which keys.
extension Controller {
    /// Reconciles every object of the primary kind when it is added, changes or is deleted.
    public func watch<Object: Sendable>(_ informer: Informer<Object>) {
        let source = informer.watcher.source
        let queue = self.queue
        register(informer)
        informer.addEventHandler(EventHandler(onChange: { object in
            if let key = ObjectKey(source.metadata(of: object)) { queue.add(key) }
        }))
    }

    /// Reconciles the owner of every changed child: the object named by the child's controller
    /// ownerReference (`controller: true`) when that reference is of `owner`'s group and kind.
    ///
    /// On an update both the old and the new owner are reconciled, so a child that moves
    /// between owners (or loses its owner) is noticed by both.
    /// - Parameter owner: the owning kind; a cluster-scoped owner gets a key without namespace.
    public func watch<Object: Sendable>(owned informer: Informer<Object>, owner: ResourceType) {
        let source = informer.watcher.source
        let queue = self.queue
        let enqueueOwner: @Sendable (Object) -> Void = { child in
            let meta = source.metadata(of: child)
            if let key = Self.ownerKey(of: meta, owner: owner) { queue.add(key) }
        }
        register(informer)
        informer.addEventHandler(EventHandler(
            onAdd: enqueueOwner,
            onUpdate: { old, new in
                enqueueOwner(old)
                enqueueOwner(new)
            },
            onDelete: enqueueOwner))
    }

    /// Reconciles the keys `map` returns for every changed object: any relation that is not
    /// ownership (the Channels that reference a Secret, say). On an update, the keys of the
    /// old and the new object are both enqueued.
    public func watch<Object: Sendable>(_ informer: Informer<Object>,
                                        map: @escaping @Sendable (Object) -> [ObjectKey]) {
        let queue = self.queue
        register(informer)
        informer.addEventHandler(EventHandler(
            onAdd: { object in for key in map(object) { queue.add(key) } },
            onUpdate: { old, new in for key in Set(map(old) + map(new)) { queue.add(key) } },
            onDelete: { object in for key in map(object) { queue.add(key) } }))
    }

    /// The key of the controller owner of an object with metadata `meta`, when it is an `owner`.
    public static func ownerKey(of meta: ObjectMeta, owner: ResourceType) -> ObjectKey? {
        guard let reference = meta.controllerReference, reference.kind == owner.kind,
              Self.group(ofAPIVersion: reference.apiVersion) == owner.group, !reference.name.isEmpty else { return nil }
        return ObjectKey(namespace: owner.namespaced ? meta.namespace : nil, name: reference.name)
    }

    /// `apps` for `apps/v1`, empty for the core group's `v1`.
    static func group(ofAPIVersion apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }
}
