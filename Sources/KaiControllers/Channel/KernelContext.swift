import KaiAPI

/// What every kernel step of one reconcile shares.
struct KernelContext {
    let channel: Channel
    let uid: String
    let plan: ChannelPlan
    let baseURL: String
    let generation: Int64?
    let request: KernelCreateRequest
    let specHash: String

    init(channel: Channel, uid: String, plan: ChannelPlan, baseURL: String, generation: Int64?) {
        self.channel = channel
        self.uid = uid
        self.plan = plan
        self.baseURL = baseURL
        self.generation = generation
        request = KernelCreateRequest(contextID: uid, kernel: channel.spec.kernel)
        specHash = KernelCreateRequest.fingerprint(channel.spec.kernel)
    }

    /// What every status write of this reconcile includes: the basics, the handled
    /// annotations, and a reset retry count when the plan says so.
    func prepare(_ builder: inout ChannelStatusBuilder) {
        builder.begin(uid: uid)
        if let value = plan.retryRequest { builder.status.lastHandledRetry = value }
        if let value = plan.reconcileRequest { builder.status.lastHandledReconcileAt = value }
        if plan.resetRetries, builder.status.retryCount != 0 || builder.status.nextRetryAt != nil {
            builder.status.retryCount = 0
            builder.status.nextRetryAt = nil
        }
    }

    func readyMessage(adopted: Bool) -> String {
        adopted ? "Adopted the existing kernel for contextId \(uid) in \(baseURL)"
            : "The kernel for contextId \(uid) is ready in \(baseURL)"
    }
}
