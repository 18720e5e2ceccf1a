import JSON
import KaiAPI
import KubeClient
import KubeReconcile
import KubeWatch

extension DevSessionReconciler {
    /// Whether the children can be applied into the session's Namespace.
    enum NamespaceState: Equatable {
        /// The Namespace is this DevSession's and current.
        case ready
        /// The Namespace is being deleted; wait for it to go.
        case waiting(String)
        /// The Namespace belongs to someone else; never touch it.
        case conflict(String)
    }

    /// Creates the Namespace, or checks that the existing one is this DevSession's and current.
    ///
    /// A missing Namespace is created with a plain create, never an apply: if someone else
    /// created it meanwhile (or the cache has not seen it yet), the create fails with 409
    /// instead of silently taking it over, and the live object is checked like a cached one.
    /// (The price: the create's fields belong to an `Update` entry of `kai-operator`, so a
    /// label the renderer stops writing later stays on the Namespace; later changes are applied.)
    func ensureNamespace(_ session: DevSession, rendered: JSONValue, previous: Set<InventoryEntry>,
                         report: inout DevSessionApplyReport) async throws -> NamespaceState {
        let name = session.namespaceName
        let entry = try InventoryEntry(of: rendered)
        var live = try await liveChild(entry, owner: session.metadata.uid)
        if live == nil {
            let client = self.client
            switch await Self.attempt({ () async throws(KubeError) in
                try await client.create(.namespaces, rendered, options: WriteOptions(fieldManager: KaiGroup.fieldManager))
            }) {
            case .success(let created):
                if let owner = session.metadata.uid { written.record(owner: owner, entry, object: created) }
                if previous.contains(entry) { report.restored.append((entry, "deleted")) } else { report.created.append(entry) }
                return .ready
            case .failure(let error) where error.isAlreadyExists:
                live = try await client.get(.namespaces, name: name)
            case .failure(let error):
                throw error
            }
        }
        guard let live else { return .ready }
        let meta = ObjectMeta(metadataOf: live)
        if meta.isBeingDeleted {
            return .waiting("namespace \(name) is being deleted; the session's children are created again once it is gone")
        }
        if let controller = meta.controllerReference {
            guard controller.uid == session.metadata.uid else {
                return .conflict("namespace \(name) already exists and is controlled by \(controller.kind) \(controller.name), "
                    + "not by this DevSession; it is left untouched")
            }
        } else if session.metadata.annotations?[DevSession.adoptAnnotation] == "true" {
            report.adopted = entry
            let adopted = try await applier.apply(rendered)
            if let owner = session.metadata.uid { written.record(owner: owner, entry, object: adopted) }
            return .ready
        } else {
            return .conflict("namespace \(name) already exists and is not owned by this DevSession; it is left untouched "
                + "(set the annotation \(DevSession.adoptAnnotation): \"true\" to take it over)")
        }
        _ = try await applyChild(rendered, entry: entry, owner: session.metadata.uid, previous: previous, report: &report,
                                 live: live)
        return .ready
    }

    /// Applies one child unless the live copy is current; returns the child as it is now.
    func applyChild(_ child: JSONValue, entry: InventoryEntry, owner: String?, previous: Set<InventoryEntry>,
                    report: inout DevSessionApplyReport) async throws -> JSONValue {
        let live = try await liveChild(entry, owner: owner)
        return try await applyChild(child, entry: entry, owner: owner, previous: previous, report: &report, live: live)
    }

    func applyChild(_ child: JSONValue, entry: InventoryEntry, owner: String?, previous: Set<InventoryEntry>,
                    report: inout DevSessionApplyReport, live: JSONValue?) async throws -> JSONValue {
        let hashPath = ["metadata", "annotations", DevSessionRenderer.hashAnnotation]
        if let live {
            if live[keyPath: hashPath] == child[keyPath: hashPath] {
                // Same rendering as last applied: only someone else's edit can make it differ.
                guard let difference = DevSessionDrift.firstDifference(live, child) else { return live }
                report.restored.append((entry, "changed at \(difference)"))
            } else {
                report.updated.append(entry)
            }
        } else if previous.contains(entry) {
            report.restored.append((entry, "deleted"))
        } else {
            report.created.append(entry)
        }
        let applied = try await applier.apply(child)
        if let owner { written.record(owner: owner, entry, object: applied) }
        return applied
    }

    /// The child as the cache has it, or as the API server has it when the cache may not have
    /// caught up with this process's own last write (nil: it does not exist).
    func liveChild(_ entry: InventoryEntry, owner: String?) async throws -> JSONValue? {
        let cached = caches.live(kind: entry.kind, namespace: entry.namespace, name: entry.name)
        guard let owner, written.isStale(owner: owner, entry, cached: cached),
              let resource = ResourceType.builtin(apiVersion: entry.apiVersion, kind: entry.kind) else { return cached }
        let client = self.client
        switch await Self.attempt({ () async throws(KubeError) in
            try await client.get(resource, name: entry.name, namespace: entry.namespace)
        }) {
        case .success(let live): return live
        case .failure(let error) where error.isNotFound: return nil
        case .failure(let error): throw error
        }
    }

    /// The outcome of a client call as a value, so typed errors can be matched by kind.
    static func attempt<T>(_ call: () async throws(KubeError) -> T) async -> Result<T, KubeError> {
        do { return .success(try await call()) } catch { return .failure(error) }
    }
}
