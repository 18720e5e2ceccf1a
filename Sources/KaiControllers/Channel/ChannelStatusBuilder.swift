import Foundation
import KaiAPI
import KubeClient
import KubeReconcile

/// The status transitions of a Channel, as pure functions of the current status: what each
/// outcome of a reconcile (or a webhook event) writes, and the conditions that go with it.
///
/// | state | KernelReady / Ready | Reconciling | Stalled |
/// |---|---|---|---|
/// | Creating | False `KernelCreating` | True `KernelCreating` | — |
/// | Created | True `KernelCreated` / `KernelAdopted` | — | — |
/// | Failed, retry scheduled | False, the failure's reason | True `RetryScheduled` | — |
/// | Failed, retries exhausted | False, the failure's reason | — | True `RetriesExhausted` |
/// | invalid spec / Secret missing | Ready False `InvalidSpec` / `AuthSecretNotFound` | — | True, same reason |
/// | suspended | Ready keeps its status, reason `Suspended` | — | — |
///
/// `lastTransitionTime` changes only when a condition's status changes; every condition
/// carries `observedGeneration`.
struct ChannelStatusBuilder {
    var status: ChannelStatus
    /// The generation the status describes after this transition (nil: keep `observedGeneration`).
    let generation: Int64?
    let now: Date

    typealias Reason = Channel.Reason
    typealias Kind = KaiGroup.ConditionType

    init(_ status: ChannelStatus?, generation: Int64?, now: Date) {
        self.status = status ?? ChannelStatus()
        self.generation = generation
        self.now = now
    }

    var timestamp: String { Timestamp.format(now) }
    var observed: Int64? { generation ?? status.observedGeneration.flatMap { $0 >= 0 ? $0 : nil } }

    // MARK: - Building blocks

    mutating func set(_ type: String, _ value: ConditionStatus, _ reason: String, _ message: String) {
        var conditions = status.conditions ?? []
        conditions.set(type, status: value, reason: reason, message: message, observedGeneration: observed, now: now)
        status.conditions = conditions
    }

    mutating func remove(_ type: String) {
        guard var conditions = status.conditions else { return }
        conditions.remove(type)
        status.conditions = conditions
    }

    /// `KernelReady` and `Ready` (which follows it).
    mutating func setKernel(_ value: ConditionStatus, _ reason: String, _ message: String) {
        set(Channel.ConditionType.kernelReady, value, reason, message)
        set(Kind.ready, value, reason, message)
    }

    mutating func setProgress(reconciling: (String, String)?, stalled: (String, String)?) {
        if let (reason, message) = reconciling { set(Kind.reconciling, .true, reason, message) } else { remove(Kind.reconciling) }
        if let (reason, message) = stalled { set(Kind.stalled, .true, reason, message) } else { remove(Kind.stalled) }
    }

    /// Fields every reconcile writes: `contextID`, `observedGeneration`, a `Pending` collection
    /// and kernel to start from.
    mutating func begin(uid: String) {
        status.contextID = uid
        if let generation { status.observedGeneration = generation }
        if status.kernelStatus == nil { status.kernelStatus = .pending }
        if status.qdrantCollectionStatus == nil {
            status.qdrantCollectionStatus = .pending
        }
        if status.condition(Channel.ConditionType.collectionReady) == nil {
            applyCollectionCondition()
        }
        if status.condition(Channel.ConditionType.kernelReady) == nil {
            setKernel(.false, Reason.kernelPending, "The kernel has not been created yet")
        }
    }

    /// Brings every condition's `observedGeneration` up to date (their status and
    /// `lastTransitionTime` stay), once the whole status describes the current generation.
    mutating func finish() {
        guard let observed, var conditions = status.conditions else { return }
        for index in conditions.indices where conditions[index].observedGeneration != observed {
            conditions[index].observedGeneration = observed
        }
        status.conditions = conditions
    }

    // MARK: - Kernel transitions

    /// About to call create (or waiting for a kernel an earlier run asked for).
    mutating func creating(message: String) {
        status.kernelStatus = .creating
        status.kernelLastUpdated = timestamp
        status.nextRetryAt = nil
        setKernel(.false, Reason.kernelCreating, message)
        setProgress(reconciling: (Reason.kernelCreating, message), stalled: nil)
    }

    /// The kernel exists: created by this call, or found (adopted).
    mutating func created(_ response: KernelResponse, specHash: String, reason: String, message: String) {
        if reason == Reason.kernelCreated || status.kernelCreatedAt == nil {
            status.kernelCreatedAt = timestamp
        }
        status.kernelStatus = .created
        status.kernelLastUpdated = timestamp
        status.kernelError = nil
        status.retryCount = 0
        status.nextRetryAt = nil
        status.kernel = response.info
        status.kernelSpecHash = specHash
        setKernel(.true, reason, message)
        setProgress(reconciling: nil, stalled: nil)
    }

    /// A periodic check found the kernel: only what changed is written. `lastAccessTime`
    /// moves at every check, so it alone does not make a status write.
    mutating func verified(_ response: KernelResponse, specHash: String, message: String) {
        if status.kernelSpecHash == nil { status.kernelSpecHash = specHash }
        var incoming = response.info
        incoming.lastAccessTime = status.kernel?.lastAccessTime
        if incoming != status.kernel { status.kernel = response.info }
        if status.kernelError != nil || status.retryCount != 0 || status.nextRetryAt != nil {
            status.kernelError = nil
            status.retryCount = 0
            status.nextRetryAt = nil
            status.kernelLastUpdated = timestamp
        }
        let ready = status.condition(Kind.ready)
        if ready?.status != ConditionStatus.true.rawValue || ready?.reason == Reason.suspended {
            setKernel(.true, status.condition(Channel.ConditionType.kernelReady)?.reason == Reason.kernelAdopted
                      ? Reason.kernelAdopted : Reason.kernelCreated, message)
        }
        setProgress(reconciling: nil, stalled: nil)
    }

    /// A failed attempt: counts it and schedules the next one, or gives up.
    /// - Returns: the delay until the next attempt; nil when retries are exhausted (Stalled).
    @discardableResult
    mutating func failed(error: String, reason: String, retry: ChannelRetrySpec, delay: (Int64) -> Duration) -> Duration? {
        let count = (status.retryCount ?? 0) + 1
        status.kernelStatus = .failed
        status.kernelError = error
        status.kernelLastUpdated = timestamp
        status.retryCount = count
        setKernel(.false, reason, error)
        guard count < retry.maxRetries else {
            status.nextRetryAt = nil
            let message = "Gave up after \(count) failed attempt\(count == 1 ? "" : "s"): \(error). Change the spec or set the "
                + "\(Channel.retryAnnotation) annotation to a new value to try again."
            setProgress(reconciling: nil, stalled: (Reason.retriesExhausted, message))
            return nil
        }
        let wait = delay(count)
        let next = now.addingTimeInterval(Self.seconds(wait))
        status.nextRetryAt = Timestamp.formatMicro(next)
        setProgress(reconciling: (Reason.retryScheduled,
                                  "Attempt \(count + 1) of \(retry.maxRetries) at \(Timestamp.format(next)): \(error)"),
                    stalled: nil)
        return wait
    }

    /// Retries exhausted earlier: make sure the conditions say so (after a restart, say).
    mutating func stalledRetries() {
        let count = status.retryCount ?? 0
        let error = status.kernelError ?? "unknown error"
        let message = "Gave up after \(count) failed attempt\(count == 1 ? "" : "s"): \(error). Change the spec or set the "
            + "\(Channel.retryAnnotation) annotation to a new value to try again."
        status.nextRetryAt = nil
        setProgress(reconciling: nil, stalled: (Reason.retriesExhausted, message))
    }

    /// Something a person must fix first (invalid spec, missing Secret): no attempts until then.
    mutating func stalled(reason: String, message: String) {
        status.nextRetryAt = nil
        set(Kind.ready, .false, reason, message)
        setProgress(reconciling: nil, stalled: (reason, message))
    }

    /// `spec.suspend: true`.
    mutating func suspended() {
        let message = "Reconciliation is suspended (spec.suspend is true); the kernel is \(status.kernelStatus?.rawValue ?? "Pending")"
        set(Kind.ready, status.kernelStatus == .created ? .true : .false, Reason.suspended, message)
        status.nextRetryAt = nil
        setProgress(reconciling: nil, stalled: nil)
    }

    /// The kernel release (deletion or spec change) failed.
    mutating func releaseFailed(error: String) {
        status.kernelError = error
        status.kernelLastUpdated = timestamp
    }

    // MARK: - Collection (webhook)

    /// `qdrant-collection-created` / `qdrant-collection-failed`.
    mutating func collection(_ phase: ChannelPhase, error: String?) {
        if phase == .created, status.qdrantCollectionStatus != .created || status.qdrantCollectionCreatedAt == nil {
            status.qdrantCollectionCreatedAt = timestamp
        }
        status.qdrantCollectionStatus = phase
        status.qdrantCollectionError = phase == .failed ? (error ?? "Unknown error") : nil
        status.qdrantCollectionLastUpdated = timestamp
        applyCollectionCondition()
    }

    /// `CollectionReady` from `qdrantCollectionStatus`.
    mutating func applyCollectionCondition() {
        switch status.qdrantCollectionStatus ?? .pending {
        case .created:
            set(Channel.ConditionType.collectionReady, .true, Reason.collectionCreated, "The Qdrant collection was created")
        case .failed:
            set(Channel.ConditionType.collectionReady, .false, Reason.collectionFailed,
                status.qdrantCollectionError ?? "Unknown error")
        case .pending, .creating:
            set(Channel.ConditionType.collectionReady, .unknown, Reason.collectionPending,
                "Waiting for the kernel service to report the Qdrant collection")
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
