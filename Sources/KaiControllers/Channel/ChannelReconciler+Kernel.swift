import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile

extension ChannelReconciler {
    /// The kernel part of a reconcile, for a valid and unsuspended Channel.
    func reconcileKernel(_ run: inout ChannelRun) async throws -> ReconcileResult {
        guard let channel = run.channel, let uid = run.uid else { return .done }
        if !(run.meta.finalizers ?? []).contains(Channel.finalizer) {
            // Before any kernel can exist, so that deleting the Channel always releases it.
            run.object = try await Finalizers.add(Channel.finalizer, to: run.object, resource: Channel.resource, client: client)
            writes.record(run.object, now: now())
        }
        let remembered = memory.entry(uid)
        let status = channel.status
        let resumed = status?.condition(KaiGroup.ConditionType.ready)?.reason == Channel.Reason.suspended
        if resumed {
            event(run, .normal, Channel.Reason.resumed, action: "Resume", note: "Reconciliation resumed (spec.suspend is false)")
        }
        // Only a failed Channel can be unblocked by a fixed token; reading it costs a GET.
        var token: TokenLookup?
        var tokenChanged = false
        if status?.kernelStatus == .failed, let failed = remembered.failedTokenFingerprint {
            let lookup = await lookUpToken(channel, namespace: run.namespace)
            token = lookup
            if case .found(let value) = lookup { tokenChanged = Fingerprint.fnv1a(value ?? "") != failed }
        }
        let plan = ChannelPlan.decide(spec: channel.spec, status: status, generation: run.meta.generation,
                                      annotations: run.meta.annotations ?? [:], now: run.now, verifiedAt: remembered.verifiedAt,
                                      tokenChanged: tokenChanged, resumed: resumed)
        if let value = plan.retryRequest {
            event(run, .normal, Channel.Reason.retryRequested, action: "Retry",
                  note: "\(Channel.retryAnnotation) changed to \"\(value)\": retry count reset, trying again now")
        }
        let context = KernelContext(channel: channel, uid: uid, plan: plan, baseURL: channel.spec.kernelAPI?.url ?? options.kernelAPIURL,
                                    generation: run.meta.generation)
        switch plan.action {
        case .wait(let until):
            try await writeStatus(&run, generation: context.generation) { context.prepare(&$0) }
            return .requeueAfter(max(.milliseconds(1), Self.duration(from: run.now, to: until)))
        case .stalled:
            try await writeStatus(&run, generation: context.generation) { builder in
                context.prepare(&builder)
                builder.stalledRetries()
            }
            return .done
        case .verify, .attempt, .recreate:
            let lookup: TokenLookup
            if let token { lookup = token } else { lookup = await lookUpToken(channel, namespace: run.namespace) }
            switch lookup {
            case .found(let value):
                memory.update(uid) { $0.lastToken = value }
                return try await callKernel(&run, context, token: value)
            case .needsUserAction(let error):
                let message = "\(error)"
                let changed = try await writeStatus(&run, generation: context.generation) { builder in
                    context.prepare(&builder)
                    builder.stalled(reason: Channel.Reason.authSecretNotFound, message: message)
                }
                if changed { event(run, .warning, Channel.Reason.authSecretNotFound, action: "ReadToken", note: message) }
                // The Secret is watched: creating or fixing it re-triggers this Channel.
                return .done
            case .failed(let error):
                throw error
            }
        }
    }

    /// info, then adopt, verify, wait for an earlier create, or create.
    func callKernel(_ run: inout ChannelRun, _ context: KernelContext, token: String?) async throws -> ReconcileResult {
        let phase = context.channel.status?.kernelStatus ?? .pending
        if context.plan.action == .recreate { return try await recreate(&run, context, token: token) }
        let found: KernelResponse?
        do {
            found = try await kernel.info(baseURL: context.baseURL, contextID: context.uid, token: token)
        } catch {
            return try await failure(&run, context, token: token, error: "\(error)", reason: Channel.Reason.kernelCheckFailed,
                                     action: "CheckKernel")
        }
        if let found {
            if let hash = context.channel.status?.kernelSpecHash, hash != context.specHash {
                return try await recreate(&run, context, token: token)
            }
            if phase == .created {
                try await writeStatus(&run, generation: context.generation) { builder in
                    context.prepare(&builder)
                    builder.verified(found, specHash: context.specHash, message: context.readyMessage(adopted: false))
                }
            } else {
                try await writeStatus(&run, generation: context.generation) { builder in
                    context.prepare(&builder)
                    builder.created(found, specHash: context.specHash, reason: Channel.Reason.kernelAdopted,
                                    message: context.readyMessage(adopted: true))
                }
                event(run, .normal, Channel.Reason.kernelAdopted, action: "AdoptKernel",
                      note: "Found the existing kernel for contextId \(context.uid) in \(context.baseURL); no create needed")
            }
            succeeded(context.uid)
            return .requeueAfter(.seconds(context.channel.spec.resyncIntervalSeconds))
        }
        switch phase {
        case .created:
            event(run, .warning, Channel.Reason.kernelLost, action: "CheckKernel",
                  note: "The kernel for contextId \(context.uid) is gone from \(context.baseURL); creating it again")
        case .creating where context.plan.retryRequest == nil && context.plan.reconcileRequest == nil:
            // An earlier run asked for it and may have died before hearing back: wait for it
            // to appear until the timeout, rather than risk a second kernel.
            let since = context.channel.status?.kernelLastUpdated.flatMap(Timestamp.parse) ?? run.now
            let timeout = TimeInterval(context.channel.spec.creatingTimeoutSeconds)
            let elapsed = run.now.timeIntervalSince(since)
            if elapsed >= timeout {
                return try await failure(&run, context, token: token, error: "Kernel creation timed out",
                                         reason: Channel.Reason.kernelCreationTimedOut, action: "CreateKernel")
            }
            try await writeStatus(&run, generation: context.generation) { context.prepare(&$0) }
            let remaining = Duration.milliseconds(Int64(((timeout - elapsed) * 1000).rounded(.up)))
            return .requeueAfter(min(remaining, options.creatingPollInterval))
        default:
            break
        }
        return try await create(&run, context, token: token)
    }

    /// `Creating`, `POST /api/kernel/create`, then `Created` (or a counted failure).
    func create(_ run: inout ChannelRun, _ context: KernelContext, token: String?) async throws -> ReconcileResult {
        try await writeStatus(&run, generation: context.generation) { builder in
            context.prepare(&builder)
            builder.creating(message: "Creating the kernel for contextId \(context.uid) in \(context.baseURL)")
        }
        let response: KernelResponse
        do {
            response = try await kernel.create(baseURL: context.baseURL, context.request, token: token)
        } catch {
            return try await failure(&run, context, token: token, error: "\(error)", reason: Channel.Reason.kernelCreateFailed,
                                     action: "CreateKernel")
        }
        try await writeStatus(&run, generation: context.generation) { builder in
            context.prepare(&builder)
            builder.created(response, specHash: context.specHash, reason: Channel.Reason.kernelCreated,
                            message: context.readyMessage(adopted: false))
        }
        event(run, .normal, Channel.Reason.kernelCreated, action: "CreateKernel",
              note: "Created the kernel for contextId \(context.uid) in \(context.baseURL)")
        succeeded(context.uid)
        return .requeueAfter(.seconds(context.channel.spec.resyncIntervalSeconds))
    }

    /// `spec.kernel` changed on a created kernel: release it, then create it with the new options.
    func recreate(_ run: inout ChannelRun, _ context: KernelContext, token: String?) async throws -> ReconcileResult {
        do {
            _ = try await kernel.release(baseURL: context.baseURL, contextID: context.uid, token: token)
        } catch {
            return try await failure(&run, context, token: token, error: "\(error)", reason: Channel.Reason.kernelReleaseFailed,
                                     action: "ReleaseKernel")
        }
        event(run, .normal, Channel.Reason.kernelSpecChanged, action: "ReleaseKernel",
              note: "spec.kernel changed: released the kernel for contextId \(context.uid); creating it with the new options")
        return try await create(&run, context, token: token)
    }

    /// A failed call: `Failed`, the error, one more retry counted, and the next attempt after
    /// the backoff, or `Stalled` when the retries are exhausted.
    func failure(_ run: inout ChannelRun, _ context: KernelContext, token: String?, error: String, reason: String,
                 action: String) async throws -> ReconcileResult {
        // A cancelled call (shutdown, lost leadership) says nothing about the kernel API.
        try Task.checkCancellation()
        let retry = context.channel.spec.retry
        let jitter = options.retryJitter
        let random = self.random
        var delay: Duration?
        var count: Int64 = 0
        try await writeStatus(&run, generation: context.generation) { builder in
            context.prepare(&builder)
            delay = builder.failed(error: error, reason: reason, retry: retry) { count in
                ChannelBackoff.delay(retryCount: count, retry: retry, jitter: jitter, random: random())
            }
            count = builder.status.retryCount ?? 0
        }
        memory.update(context.uid) { $0.failedTokenFingerprint = Fingerprint.fnv1a(token ?? "") }
        run.logger.info("kernel API call failed", metadata: ["error": "\(error)", "retryCount": "\(count)"])
        if let delay {
            event(run, .warning, reason, action: action, note: "\(error) (attempt \(count) of \(retry.maxRetries); retrying in \(Self.describe(delay)))")
            return .requeueAfter(delay)
        }
        event(run, .warning, reason, action: action, note: error)
        event(run, .warning, Channel.Reason.retriesExhausted, action: action,
              note: "Gave up after \(count) failed attempts; change the spec or set the \(Channel.retryAnnotation) annotation to try again")
        return .done
    }

    func succeeded(_ uid: String) {
        let time = now()
        memory.update(uid) { entry in
            entry.verifiedAt = time
            entry.failedTokenFingerprint = nil
        }
    }

    // MARK: - Tokens

    enum TokenLookup {
        /// The token to send; nil sends no `Authorization` header.
        case found(String?)
        /// The Secret or its key is missing: a person has to act.
        case needsUserAction(ChannelTokenError)
        /// Reading failed for another reason: retried with the controller's backoff.
        case failed(ChannelTokenError)
    }

    /// The Channel's token: its `authSecretRef`, else the operator-wide one.
    func lookUpToken(_ channel: Channel, namespace: String) async -> TokenLookup {
        do {
            if let reference = channel.spec.kernelAPI?.authSecretRef {
                return .found(try await tokens.token(namespace: namespace, reference: reference))
            }
            return .found(try await tokens.token(options.kernelAPIToken))
        } catch {
            return error.needsUserAction ? .needsUserAction(error) : .failed(error)
        }
    }

    static func duration(from start: Date, to end: Date) -> Duration {
        .milliseconds(Int64((end.timeIntervalSince(start) * 1000).rounded(.up)))
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = ChannelStatusBuilder.seconds(duration)
        return seconds < 10 ? String(format: "%.1fs", seconds) : "\(Int(seconds.rounded()))s"
    }
}
