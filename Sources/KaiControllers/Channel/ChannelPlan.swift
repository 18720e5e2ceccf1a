import Foundation
import KaiAPI
import KubeClient

/// What one reconcile of a valid, unsuspended Channel does, decided from its spec, status,
/// annotations and what this process remembers: a pure function, so every rule of the
/// contract can be tested without a server.
struct ChannelPlan: Equatable {
    enum Action: Equatable {
        /// `Created`: check that the kernel still exists (resync, spec change, requested).
        case verify
        /// Not created yet, or a retry is due: info, then create when missing.
        case attempt
        /// `Created` with other options than `spec.kernel` now has: release, then create.
        case recreate
        /// Nothing is due before this time (the next resync or retry).
        case wait(until: Date)
        /// Retries are exhausted; nothing happens until the spec or `kai.dev/retry` changes.
        case stalled
    }

    var action: Action
    /// `retryCount` goes back to 0 (spec changed, `kai.dev/retry` changed, the token was fixed).
    var resetRetries: Bool
    /// A new `kai.dev/retry` value to record in `status.lastHandledRetry`.
    var retryRequest: String?
    /// A new `reconcile.fluxcd.io/requestedAt` value to record in `status.lastHandledReconcileAt`.
    var reconcileRequest: String?

    /// - Parameters:
    ///   - verifiedAt: when this process last saw the kernel exist; nil after a restart.
    ///   - tokenChanged: the token differs from the one the last failed attempt used.
    ///   - resumed: `spec.suspend` was just turned off.
    static func decide(spec: ChannelSpec, status: ChannelStatus?, generation: Int64?, annotations: [String: String],
                       now: Date, verifiedAt: Date?, tokenChanged: Bool, resumed: Bool) -> ChannelPlan {
        let specChanged = generation == nil || status?.observedGeneration != generation
        let retryValue = annotations[Channel.retryAnnotation]
        let retryRequest = retryValue != nil && retryValue != status?.lastHandledRetry ? retryValue : nil
        let requestedAt = annotations[KaiGroup.requestedAtAnnotation]
        let reconcileRequest = requestedAt != nil && requestedAt != status?.lastHandledReconcileAt ? requestedAt : nil
        let resetRetries = specChanged || retryRequest != nil || tokenChanged
        // Act now rather than at the next scheduled time.
        let now_ = retryRequest != nil || reconcileRequest != nil || resumed
        var plan = ChannelPlan(action: .attempt, resetRetries: resetRetries, retryRequest: retryRequest,
                               reconcileRequest: reconcileRequest)
        switch status?.kernelStatus ?? .pending {
        case .created:
            if let hash = status?.kernelSpecHash, hash != KernelCreateRequest.fingerprint(spec.kernel) {
                plan.action = .recreate
            } else if specChanged || now_ || verifiedAt == nil {
                plan.action = .verify
            } else if let verifiedAt {
                let due = verifiedAt.addingTimeInterval(TimeInterval(spec.resyncIntervalSeconds))
                plan.action = due <= now ? .verify : .wait(until: due)
            }
        case .failed:
            let count = resetRetries ? 0 : (status?.retryCount ?? 0)
            if count > 0, count >= spec.retry.maxRetries {
                plan.action = .stalled
            } else if !resetRetries, !now_, let next = status?.nextRetryAt.flatMap(Timestamp.parse), next > now {
                plan.action = .wait(until: next)
            } else {
                plan.action = .attempt
            }
        case .creating, .pending:
            plan.action = .attempt
        }
        return plan
    }
}
