import Foundation
import JSON
import KaiAPI
import KubeClient
public import KubeReconcile
import KubeWatch
import Logging

/// Keeps a kernel in the kernel API for every Channel (contract: `docs/channel.md`).
///
/// One reconcile reads the Channel from the cache (or this process's newer write), then:
/// 1. deleting: releases the kernel and removes the finalizer ``Channel/finalizer``
///    (or only removes it with `kai.dev/skip-release: "true"`);
/// 2. a spec that breaks the schema (written before a rule existed): `Stalled`, `InvalidSpec`;
/// 3. suspended: says so and does nothing else;
/// 4. otherwise adds the finalizer and follows ``ChannelPlan``: info before create (so a kernel
///    is never created twice, even across a crash), `Creating` then `Created`, failures counted
///    with backoff and `Stalled` after `maxRetries`, release and create again when
///    `spec.kernel` changed, and a check every `resyncIntervalSeconds`.
///
/// ## Guarantees
/// - At most one status write per transition, and none when nothing changed: a converged
///   Channel costs no API writes (only its periodic `info` call).
/// - Every status write carries the resourceVersion it was computed from; a conflict reads
///   the object again and recomputes (see ``ChannelWrites``).
/// - An Event for every transition a person would want to see in `kubectl describe`.
public final class ChannelReconciler: Reconciler, Sendable {
    let client: KubeClient
    let cache: ChannelCache
    let kernel: KernelAPIClient
    let tokens: ChannelTokenResolver
    let options: ChannelOptions
    let recorder: EventRecorder
    let writes: ChannelWrites
    let memory: ChannelMemory
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let random: @Sendable () -> Double

    init(client: KubeClient, cache: ChannelCache, kernel: KernelAPIClient, tokens: ChannelTokenResolver, options: ChannelOptions,
         recorder: EventRecorder, writes: ChannelWrites, memory: ChannelMemory, clock: any Clock<Duration>,
         now: @escaping @Sendable () -> Date, random: @escaping @Sendable () -> Double) {
        self.client = client
        self.cache = cache
        self.kernel = kernel
        self.tokens = tokens
        self.options = options
        self.recorder = recorder
        self.writes = writes
        self.memory = memory
        self.clock = clock
        self.now = now
        self.random = random
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        guard let cached = cache.channel(key), let current = writes.current(cached, now: now()) else { return .done }
        var run = ChannelRun(object: current, now: now(), logger: context.logger)
        guard run.uid != nil else {
            throw TerminalError(message: "Channel \(key) has no metadata.uid")
        }
        if run.meta.isBeingDeleted { return try await finalize(&run) }
        let channel: Channel
        do {
            channel = try Channel.decode(run.object)
        } catch {
            return try await invalid(&run, problems: [error])
        }
        let problems = channel.spec.validationErrors()
        if !problems.isEmpty { return try await invalid(&run, problems: problems) }
        run.channel = channel
        if channel.spec.suspend { return try await suspend(&run) }
        return try await reconcileKernel(&run)
    }

    // MARK: - Invalid spec and suspension

    /// `Stalled=True`, reason `InvalidSpec`, a message naming every bad field; no retry until
    /// the spec changes (which re-triggers the reconcile).
    func invalid(_ run: inout ChannelRun, problems: [ChannelValidationError]) async throws -> ReconcileResult {
        let message = "Invalid spec: " + problems.map(\.description).joined(separator: "; ")
        let uid = run.uid ?? ""
        let changed = try await writeStatus(&run, generation: run.meta.generation) { builder in
            builder.begin(uid: uid)
            builder.stalled(reason: Channel.Reason.invalidSpec, message: message)
        }
        if changed { event(run, .warning, Channel.Reason.invalidSpec, action: "ValidateSpec", note: message) }
        run.logger.warning("invalid Channel spec", metadata: ["problems": "\(message)"])
        return .done
    }

    func suspend(_ run: inout ChannelRun) async throws -> ReconcileResult {
        let wasSuspended = run.channel?.status?.condition(KaiGroup.ConditionType.ready)?.reason == Channel.Reason.suspended
        let uid = run.uid ?? ""
        let requestedAt = run.meta.annotations?[KaiGroup.requestedAtAnnotation]
        try await writeStatus(&run, generation: run.meta.generation) { builder in
            builder.begin(uid: uid)
            if let requestedAt { builder.status.lastHandledReconcileAt = requestedAt }
            builder.suspended()
        }
        if !wasSuspended {
            event(run, .normal, Channel.Reason.suspended, action: "Suspend", note: "Reconciliation is suspended (spec.suspend is true)")
        }
        return .done
    }

    // MARK: - Events

    func event(_ run: ChannelRun, _ type: EventType, _ reason: String, action: String, note: String) {
        guard let reference = ObjectReference(resource: Channel.resource, metadata: run.meta) else { return }
        recorder.record(type, regarding: reference, reason: reason, action: action, note: note)
    }
}
