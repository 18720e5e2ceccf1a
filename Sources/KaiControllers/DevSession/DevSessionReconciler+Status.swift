import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile

extension DevSessionReconciler {
    /// The DevSession-specific condition: the Deployment's availability.
    static let availableCondition = "Available"

    /// Writes the status of a reconcile that applied everything.
    func publish(_ session: DevSession, settings: DevSessionSettings, deployment: JSONValue?, service: JSONValue?,
                 inventory: [InventoryEntry], expiresAt: Date?) async throws {
        let available = Self.availability(deployment, suspended: settings.suspend, release: session.releaseName)
        let phase: DevSessionPhase = settings.suspend ? .suspended : (available.status == .true ? .running : .deploying)
        let urls = DevSessionRenderer.urls(for: session, settings: settings)
        let updated = try await writeStatus(session, expiresAt: expiresAt) { status, now, generation in
            status.phase = phase
            status.ipAddress = service?[path: "spec", "clusterIP"]?.stringValue
            status.previewURL = urls[.preview]
            status.chatURL = urls[.chat]
            status.vscodeURL = urls[.vscode]
            status.inventory = inventory.sorted().map(Self.item)
            var conditions = status.conditions ?? []
            conditions.set(Self.availableCondition, status: available.status, reason: available.reason,
                           message: available.message, observedGeneration: generation, now: now)
            switch phase {
            case .running:
                conditions.set(KaiGroup.ConditionType.ready, status: .true, reason: "Running",
                               message: "every child is applied and the Deployment is available", observedGeneration: generation, now: now)
                conditions.remove(KaiGroup.ConditionType.reconciling)
            case .suspended:
                conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: "Suspended",
                               message: "spec.suspend is true: scaled to zero, the workspace volume is kept",
                               observedGeneration: generation, now: now)
                conditions.remove(KaiGroup.ConditionType.reconciling)
            default:
                conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: "Deploying", message: available.message,
                               observedGeneration: generation, now: now)
                conditions.set(KaiGroup.ConditionType.reconciling, status: .true, reason: "Progressing", message: available.message,
                               observedGeneration: generation, now: now)
            }
            conditions.remove(KaiGroup.ConditionType.stalled)
            status.conditions = conditions
        }
        announcePhase(from: session.status?.phase, to: updated.status?.phase ?? phase, session: updated, urls: urls)
    }

    /// Stops trying until something changes: `Stalled=True`, `phase: Failed`, and a Warning
    /// Event when the reason or message is new.
    func stall(_ session: DevSession, reason: String, message: String, expiresAt: Date?) async throws {
        let previous = session.status?.conditions?.condition(KaiGroup.ConditionType.stalled)
        let deployment = caches.deployments.store.get(name: session.releaseName, namespace: session.namespaceName)
        try await writeStatus(session, expiresAt: expiresAt) { status, now, generation in
            status.phase = .failed
            var conditions = status.conditions ?? []
            conditions.set(KaiGroup.ConditionType.stalled, status: .true, reason: reason, message: message,
                           observedGeneration: generation, now: now)
            conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: reason, message: message,
                           observedGeneration: generation, now: now)
            conditions.remove(KaiGroup.ConditionType.reconciling)
            if reason != "NamespaceConflict", reason != "ProjectUUIDConflict", deployment != nil {
                let available = Self.availability(deployment, suspended: false, release: session.releaseName)
                conditions.set(Self.availableCondition, status: available.status, reason: available.reason,
                               message: available.message, observedGeneration: generation, now: now)
            } else {
                conditions.set(Self.availableCondition, status: .false, reason: reason, message: "nothing is deployed",
                               observedGeneration: generation, now: now)
            }
            status.conditions = conditions
        }
        if previous?.status != "True" || previous?.reason != reason || previous?.message != message {
            event(session, .warning, reason, action: "Reconcile", message)
        }
    }

    /// Waits for something outside the operator (a Namespace going away): `Reconciling=True`.
    func wait(_ session: DevSession, reason: String, message: String, expiresAt: Date?) async throws {
        let previous = session.status?.conditions?.condition(KaiGroup.ConditionType.reconciling)
        try await writeStatus(session, expiresAt: expiresAt) { status, now, generation in
            status.phase = .pending
            var conditions = status.conditions ?? []
            conditions.set(KaiGroup.ConditionType.reconciling, status: .true, reason: reason, message: message,
                           observedGeneration: generation, now: now)
            conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: reason, message: message,
                           observedGeneration: generation, now: now)
            conditions.remove(KaiGroup.ConditionType.stalled)
            status.conditions = conditions
        }
        if previous?.reason != reason {
            event(session, .normal, reason, action: "Reconcile", message)
        }
    }

    /// Reports an error the controller retries: `Ready=False` and `Reconciling=True`, reason
    /// `ApplyFailed`; the phase stays. The write is best effort: the error itself matters more.
    func retrying(_ session: DevSession, message: String, expiresAt: Date?) async throws {
        let previous = session.status?.conditions?.condition(KaiGroup.ConditionType.ready)
        _ = try? await writeStatus(session, expiresAt: expiresAt) { status, now, generation in
            if status.phase == nil || status.phase == .failed { status.phase = .deploying }
            var conditions = status.conditions ?? []
            conditions.set(KaiGroup.ConditionType.ready, status: .false, reason: "ApplyFailed", message: message,
                           observedGeneration: generation, now: now)
            conditions.set(KaiGroup.ConditionType.reconciling, status: .true, reason: "ApplyFailed", message: message,
                           observedGeneration: generation, now: now)
            conditions.remove(KaiGroup.ConditionType.stalled)
            status.conditions = conditions
        }
        if previous?.reason != "ApplyFailed" {
            event(session, .warning, "ApplyFailed", action: "Apply", message)
        }
    }

    /// Writes the status after `mutate` (given the wall time and the generation), with the
    /// fields every status carries; nothing is written when nothing changed.
    @discardableResult
    func writeStatus(_ session: DevSession, expiresAt: Date?,
                     _ mutate: @escaping (inout DevSessionStatus, Date, Int64?) -> Void) async throws -> DevSession {
        let now = self.now()
        let requestedAt = session.metadata.annotations?[KaiGroup.requestedAtAnnotation]
        let desired = { (object: DevSession) -> DevSessionStatus in
            var status = object.status ?? DevSessionStatus()
            status.observedGeneration = object.metadata.generation
            status.namespace = object.namespaceName
            status.releaseName = object.releaseName
            status.previewPath = DevSessionDefaults.previewPath
            status.chatPath = DevSessionDefaults.chatPath
            status.vscodePath = DevSessionDefaults.vscodePath
            if let expiresAt { status.expiresAt = Timestamp.format(expiresAt) }
            if let requestedAt { status.lastHandledReconcileAt = requestedAt }
            mutate(&status, now, object.metadata.generation)
            return status
        }
        // Most reconciles change nothing: compare before paying for the JSON round trips.
        guard desired(session) != session.status else { return session }
        return try await StatusUpdater.update(session, client: client, clock: clock) { object in
            object.status = desired(object)
        }
    }

    /// The Deployment's availability as the `Available` condition.
    static func availability(_ deployment: JSONValue?, suspended: Bool,
                             release: String) -> (status: ConditionStatus, reason: String, message: String) {
        if suspended { return (.false, "Suspended", "spec.suspend is true: the Deployment is scaled to zero") }
        guard let deployment else { return (.false, "DeploymentMissing", "Deployment \(release) does not exist yet") }
        let generation = deployment[path: "metadata", "generation"]?.intValue ?? 0
        let observed = deployment[path: "status", "observedGeneration"]?.intValue ?? 0
        guard observed >= generation else {
            return (.false, "DeploymentProgressing", "waiting for Deployment \(release) to roll out generation \(generation)")
        }
        let replicas = deployment[path: "spec", "replicas"]?.intValue ?? 1
        let availableReplicas = deployment[path: "status", "availableReplicas"]?.intValue ?? 0
        let condition = deployment[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Available" }
        if condition?["status"]?.stringValue == "True", availableReplicas >= replicas {
            return (.true, "DeploymentAvailable", "Deployment \(release) has \(availableReplicas) available replica(s)")
        }
        let detail = condition?["message"]?.stringValue.map { ": \($0)" } ?? ""
        return (.false, "DeploymentUnavailable", "waiting for Deployment \(release) to become available\(detail)")
    }

    /// An Event for each phase change a person would want to see.
    func announcePhase(from old: DevSessionPhase?, to new: DevSessionPhase, session: DevSession,
                       urls: [DevSessionEndpoint.Name: String]) {
        guard old != new else { return }
        if old == .suspended {
            event(session, .normal, "Resumed", action: "Scale", "spec.suspend is false: scaling the session back up")
        }
        switch new {
        case .deploying:
            event(session, .normal, "Deploying", action: "Apply",
                  "children applied in namespace \(session.namespaceName); waiting for Deployment \(session.releaseName)")
        case .running:
            let endpoints = DevSessionEndpoint.Name.allCases.compactMap { name in urls[name].map { "\(name.rawValue) \($0)" } }
            event(session, .normal, "Running", action: "Reconcile", "the session is running: " + endpoints.joined(separator: ", "))
        case .suspended:
            event(session, .normal, "Suspended", action: "Scale", "spec.suspend is true: scaled to zero, the workspace volume is kept")
        default:
            break
        }
    }
}
