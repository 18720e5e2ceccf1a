import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile
import KubeWatch

extension DevSessionReconciler {
    /// A DevSession being deleted: delete its Namespace (when it owns it), report
    /// `phase: Terminating` until the Namespace is gone, then remove the finalizer.
    ///
    /// A Namespace this DevSession does not control (a conflict) is never deleted.
    func finalize(_ session: DevSession, _ context: ReconcileContext) async throws -> ReconcileResult {
        guard (session.metadata.finalizers ?? []).contains(DevSession.cleanupFinalizer) else { return .done }
        let name = session.namespaceName
        var namespace = caches.namespaces.store.get(name: name)
        if namespace == nil {
            // The cache may not have seen a Namespace created a moment ago: ask the server.
            let client = self.client
            switch await Self.attempt({ () async throws(KubeError) in try await client.get(.namespaces, name: name) }) {
            case .success(let live): namespace = live
            case .failure(let error) where error.isNotFound: namespace = nil
            case .failure(let error): throw error
            }
        }
        if let namespace, let uid = session.metadata.uid,
           ObjectMeta(metadataOf: namespace).controllerReference?.uid == uid {
            let meta = ObjectMeta(metadataOf: namespace)
            if !meta.isBeingDeleted {
                let client = self.client
                let options = DeleteOptions(propagationPolicy: "Background", preconditionUID: meta.uid)
                // Gone already (404): the next reconcile releases the DevSession.
                if case .failure(let error) = await Self.attempt({ () async throws(KubeError) in
                    try await client.delete(.namespaces, name: name, options: options)
                }), !error.isNotFound {
                    throw error
                }
                event(session, .normal, "DeletingNamespace", action: "Delete",
                      "deleting namespace \(name) and everything in it; the DevSession goes once it is gone")
            }
            let message = "waiting for namespace \(name) to be deleted"
            try await writeStatus(session, expiresAt: nil) { status, now, generation in
                status.phase = .terminating
                var conditions = status.conditions ?? []
                conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: "Terminating", message: message,
                               observedGeneration: generation, now: now)
                conditions.set(KaiGroup.ConditionType.reconciling, status: .true, reason: "Terminating", message: message,
                               observedGeneration: generation, now: now)
                conditions.remove(KaiGroup.ConditionType.stalled)
                status.conditions = conditions
            }
            return .requeueAfter(options.namespaceRecheckInterval)
        }
        context.logger.info("namespace gone; removing the finalizer", metadata: ["namespace": "\(name)"])
        _ = try await Finalizers.remove(DevSession.cleanupFinalizer, from: session, client: client)
        if let uid = session.metadata.uid { written.forget(owner: uid) }
        event(session, .normal, "Finalized", action: "Delete", "namespace \(name) is gone; the DevSession is released")
        return .done
    }

    /// Deletes a DevSession past its expiry; the finalizer then cleans up.
    func expire(_ session: DevSession, at expiresAt: Date, settings: DevSessionSettings, _ context: ReconcileContext) async throws {
        guard let name = session.metadata.name else { return }
        let expiresAfter = session.spec.expiresAfter ?? DevSessionDefaults.expiresAfter
        event(session, .normal, "Expired", action: "Delete",
              "expired at \(Timestamp.format(expiresAt)) (expiresAfter \(expiresAfter) after its creation): deleting the DevSession")
        context.logger.info("expired; deleting", metadata: ["expiresAt": "\(Timestamp.format(expiresAt))"])
        let client = self.client
        let options = DeleteOptions(preconditionUID: session.metadata.uid)
        // Deleted meanwhile (404): nothing left to do.
        if case .failure(let error) = await Self.attempt({ () async throws(KubeError) in
            try await client.delete(DevSession.self, name: name, options: options)
        }), !error.isNotFound {
            throw error
        }
    }
}
