public import Foundation
import JSON
public import KaiAPI
public import KubeCache
public import KubeClient
public import KubeReconcile
public import Logging

/// Reconciles one DevSession: renders its children, applies them with server-side apply,
/// prunes what is no longer rendered, and reports phase, conditions, URLs and events.
///
/// ## Steps of a reconcile
/// 1. A DevSession being deleted deletes its Namespace (when it owns it) and keeps
///    `phase: Terminating` until the Namespace is gone; then the finalizer
///    `kai.dev/devsession-cleanup` is removed. Otherwise the finalizer is added first.
/// 2. The spec is checked (``DevSessionSettings``): a value that cannot be used stalls the
///    session (`Stalled=True`, reason `InvalidSpec`, the field named in the message).
/// 3. Past `creationTimestamp + expiresAfter` the DevSession is deleted (event `Expired`).
/// 4. A second DevSession for a project that already has one stalls (`ProjectUUIDConflict`);
///    the oldest one keeps the project and is never touched.
/// 5. The Namespace is created (a plain create, so an existing one is never overwritten); one
///    that exists and is not this DevSession's stalls it (`NamespaceConflict`) unless the
///    DevSession has the annotation `kai.dev/adopt: "true"`.
/// 6. Every other child is applied unless the cached copy carries the same rendered hash and
///    still contains everything rendered (so a converged session makes no writes, and a child
///    deleted or edited by someone else is put back); children of an earlier render that are
///    no longer rendered are pruned.
/// 7. Status: `Available` from the Deployment, `Ready` when everything is applied and
///    available, the phase, URLs, `ipAddress`, `expiresAt`, inventory. Written only when it
///    changed; every transition is also an Event.
///
/// ## Errors
/// API errors other than a rejected child are thrown, so the controller retries with backoff
/// (status says `ApplyFailed` meanwhile). A child the API server rejects as invalid stalls the
/// session (`ChildRejected`) until the spec changes.
public final class DevSessionReconciler: Reconciler {
    /// Index of the DevSession cache by `spec.projectUUID`.
    public static let projectIndex: IndexName = "kai.dev/project-uuid"

    let client: KubeClient
    let sessions: Informer<DevSession>
    let caches: DevSessionChildCaches
    let recorder: EventRecorder
    let applier: Applier
    let options: DevSessionOptions
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    /// Versions of this process's own last writes, to see through a lagging cache.
    let written = DevSessionAppliedVersions()

    /// A reconciler reading `sessions` and `caches` (which the controller's watches run).
    /// - Parameters:
    ///   - clock: waits between status-write retries.
    ///   - now: wall time for expiry and condition transition times.
    public init(client: KubeClient, sessions: Informer<DevSession>, caches: DevSessionChildCaches, recorder: EventRecorder,
                options: DevSessionOptions = DevSessionOptions(), clock: any Clock<Duration> = ContinuousClock(),
                now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "kai.devsession")) {
        self.client = client
        self.sessions = sessions
        self.caches = caches
        self.recorder = recorder
        self.applier = Applier(client: client, fieldManager: KaiGroup.fieldManager, logger: logger)
        self.options = options
        self.clock = clock
        self.now = now
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        guard let cached = sessions.store.get(name: key.name) else { return .done }
        if cached.metadata.isBeingDeleted { return try await finalize(cached, context) }
        var session = cached
        if !(session.metadata.finalizers ?? []).contains(DevSession.cleanupFinalizer) {
            session = try await Finalizers.add(DevSession.cleanupFinalizer, to: session, client: client)
        }
        return try await reconcileLive(session, context)
    }

    func reconcileLive(_ session: DevSession, _ context: ReconcileContext) async throws -> ReconcileResult {
        let now = self.now()
        let settings: DevSessionSettings
        do {
            settings = try DevSessionSettings(session.spec)
        } catch {
            try await stall(session, reason: "InvalidSpec", message: "\(error)", expiresAt: nil)
            return .done
        }

        var expiresAt: Date?
        if let created = session.metadata.creationTimestamp.flatMap(Timestamp.parse) {
            let at = created.addingTimeInterval(Self.seconds(settings.expiresAfter))
            expiresAt = at
            if now >= at {
                try await expire(session, at: at, settings: settings, context)
                return .done
            }
        }
        let next = expiryRequeue(expiresAt, now: now)

        if let holder = projectHolder(of: session) {
            try await stall(session, reason: "ProjectUUIDConflict",
                            message: "project \(settings.projectUUID) already has the DevSession \(holder.metadata.name ?? "") "
                                + "(created \(holder.metadata.creationTimestamp ?? "earlier")); this one waits until that one is deleted",
                            expiresAt: expiresAt)
            return next
        }

        if session.status?.observedGeneration != session.metadata.generation {
            for warning in settings.warnings {
                event(session, .warning, "ImageTagMissing", action: "Render", warning)
            }
        }

        let rendered = DevSessionRenderer.render(session, settings: settings)
        let previous = Set((session.status?.inventory ?? []).map(Self.entry))
        var report = DevSessionApplyReport()
        var applied: [InventoryEntry: JSONValue] = [:]
        do {
            switch try await ensureNamespace(session, rendered: rendered[0], previous: previous, report: &report) {
            case .conflict(let message):
                try await stall(session, reason: "NamespaceConflict", message: message, expiresAt: expiresAt)
                return next
            case .waiting(let message):
                try await wait(session, reason: "NamespaceTerminating", message: message, expiresAt: expiresAt)
                return .requeueAfter(options.namespaceRecheckInterval)
            case .ready:
                break
            }
            for child in rendered.dropFirst() {
                let entry = try InventoryEntry(of: child)
                applied[entry] = try await applyChild(child, entry: entry, owner: session.metadata.uid, previous: previous,
                                                      report: &report)
            }
        } catch let error as KubeError where error.isInvalid || error.apiError?.reason == .badRequest {
            recordReport(report, session)
            try await stall(session, reason: "ChildRejected", message: "the API server rejected a child: \(error.apiError?.message ?? "\(error)")",
                            expiresAt: expiresAt)
            return next
        } catch {
            recordReport(report, session)
            try await retrying(session, message: "applying the session's children failed (retrying): \(error)", expiresAt: expiresAt)
            throw error
        }

        var current: [InventoryEntry] = []
        for child in rendered { current.append(try InventoryEntry(of: child)) }
        if let uid = session.metadata.uid {
            let known = Array(previous) + caches.owned(by: uid).compactMap { try? InventoryEntry(of: $0) }
            report.pruned = try await applier.prune(previous: known, current: current, ownerUID: uid)
            for entry in report.pruned { written.forget(owner: uid, entry) }
        }
        recordReport(report, session)

        let deployment = applied.first { $0.key.kind == "Deployment" }?.value
        let service = applied.first { $0.key.kind == "Service" && $0.key.name == session.releaseName }?.value
        try await publish(session, settings: settings, deployment: deployment, service: service, inventory: current,
                         expiresAt: expiresAt)
        return next
    }

    /// The oldest other DevSession of the same project that is not being deleted, when it is
    /// older than `session` (creation time, then name): the one that keeps the project.
    func projectHolder(of session: DevSession) -> DevSession? {
        let peers = (try? sessions.store.list(index: Self.projectIndex, value: session.spec.projectUUID)) ?? []
        let contenders = peers.filter { !$0.metadata.isBeingDeleted || $0.metadata.uid == session.metadata.uid }
        let oldest = contenders.min { a, b in
            let ta = a.metadata.creationTimestamp.flatMap(Timestamp.parse) ?? .distantFuture
            let tb = b.metadata.creationTimestamp.flatMap(Timestamp.parse) ?? .distantFuture
            return ta != tb ? ta < tb : (a.metadata.name ?? "") < (b.metadata.name ?? "")
        }
        guard let oldest, oldest.metadata.name != session.metadata.name else { return nil }
        return oldest
    }

    /// When to look again so the session is deleted on time.
    func expiryRequeue(_ expiresAt: Date?, now: Date) -> ReconcileResult {
        guard let expiresAt else { return .done }
        let remaining = Duration.milliseconds(Int64((expiresAt.timeIntervalSince(now) * 1000).rounded(.up)))
        return .requeueAfter(min(max(remaining, .milliseconds(1)), options.maxExpiryRequeue))
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func entry(_ item: DevSessionInventoryEntry) -> InventoryEntry {
        InventoryEntry(apiVersion: item.apiVersion, kind: item.kind, namespace: item.namespace, name: item.name)
    }

    static func item(_ entry: InventoryEntry) -> DevSessionInventoryEntry {
        DevSessionInventoryEntry(apiVersion: entry.apiVersion, kind: entry.kind, namespace: entry.namespace, name: entry.name)
    }

    /// Records an Event about `session` (a no-op for an object without a name), optionally
    /// naming a child as the related object.
    func event(_ session: DevSession, _ type: EventType, _ reason: String, action: String, _ note: String,
               related child: InventoryEntry? = nil) {
        guard let reference = ObjectReference(session) else { return }
        let related = child.map { ObjectReference(apiVersion: $0.apiVersion, kind: $0.kind, namespace: $0.namespace, name: $0.name) }
        recorder.record(type, regarding: reference, reason: reason, action: action, note: note, related: related)
    }
}
