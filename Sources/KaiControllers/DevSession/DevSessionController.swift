public import Foundation
import JSON
import KaiAPI
import KubeCache
public import KubeClient
public import KubeReconcile
public import Logging

/// Builds the DevSession controller: its caches, watches and reconciler.
///
/// ```swift
/// let recorder = try EventRecorder(client: client, configuration: .init(reportingInstance: podName))
/// let controller = try DevSessionController.make(client: client, recorder: recorder,
///                                                options: DevSessionOptions(controller: controllerOptions),
///                                                metrics: manager.metrics)
/// manager.add(controller)        // runs its caches, then its workers
/// manager.add(recorder)
/// ```
///
/// Event sources:
/// - every DevSession, and the other DevSessions of the same project (so the next in line
///   takes over when the holder of a project goes);
/// - every Namespace, mapped to the DevSessions of the project it is named after (a
///   conflicting Namespace going away, or the session's own Namespace finishing termination);
/// - the session's Deployments, Services, PersistentVolumeClaims and Ingresses (by label),
///   mapped to their DevSession through the controller ownerReference: an edited or deleted
///   child is put back within a reconcile.
///
/// DevSessions are cluster-scoped and their children live in per-project namespaces, so this
/// controller watches cluster-wide whatever `--namespace` says.
public enum DevSessionController {
    /// The controller's name in metrics and logs.
    public static let name = "devsession"

    /// A controller ready to be added to a ``Manager``.
    /// - Parameters:
    ///   - recorder: where Events go (`reportingController: kai.dev/kai-operator`); the manager runs it.
    ///   - clock: the work queue's and the caches' clock, and status retries' (tests pass a manual clock).
    ///   - now: wall time for expiry and conditions.
    /// - Throws: ``ReconcileConfigurationError`` for invalid options.
    public static func make(client: KubeClient, recorder: EventRecorder, options: DevSessionOptions = DevSessionOptions(),
                            metrics: OperatorMetrics = OperatorMetrics(), clock: any Clock<Duration> = ContinuousClock(),
                            now: @escaping @Sendable () -> Date = { Date() },
                            logger: Logger = Logger(label: "kai.devsession")) throws -> Controller {
        let sessions = try Informer(
            client: client, DevSession.self,
            configuration: InformerConfiguration(indexers: [DevSessionReconciler.projectIndex: { [$0.spec.projectUUID] }]),
            clock: clock, logger: logger)
        let caches = try DevSessionChildCaches(client: client, clock: clock, logger: logger)
        let reconciler = DevSessionReconciler(client: client, sessions: sessions, caches: caches, recorder: recorder,
                                              options: options, clock: clock, now: now, logger: logger)
        let controller = try Controller(name: name, reconciler: reconciler, options: options.controller, metrics: metrics,
                                        clock: clock, logger: logger)
        controller.watch(sessions)
        controller.watch(sessions) { session in
            let peers = (try? sessions.store.list(index: DevSessionReconciler.projectIndex, value: session.spec.projectUUID)) ?? []
            return peers.compactMap { $0.metadata.name == session.metadata.name ? nil : ObjectKey($0.metadata) }
        }
        controller.watch(caches.namespaces) { namespace in
            guard let name = namespace[path: "metadata", "name"]?.stringValue else { return [] }
            let sessionsOfProject = (try? sessions.store.list(index: DevSessionReconciler.projectIndex, value: name)) ?? []
            return sessionsOfProject.compactMap { ObjectKey($0.metadata) }
        }
        for informer in caches.namespaced {
            controller.watch(owned: informer, owner: DevSession.resource)
        }
        return controller
    }
}
