import JSON

extension KernelAPIStandIn {
    /// Sends the Qdrant collection webhook after every kernel created from now on.
    ///
    /// `delay` after a successful create (slept on the injected clock), the stand-in posts
    /// `{"channelId": <contextId>, "event": "qdrant-collection-created"|"qdrant-collection-failed",
    /// "status": "created"|"failed", "error": null|<text>}` to `url`, with
    /// `Authorization: Bearer <token>` when `token` is set. Each attempt is recorded in
    /// ``webhookDeliveries``; there are no retries.
    /// - Parameters:
    ///   - url: the receiver, e.g. the operator's `http://127.0.0.1:8082/api/webhooks/kernel`.
    ///   - delay: time between the create and the webhook.
    ///   - outcome: what to report (overridable per contextId with ``setWebhookOutcome(_:contextId:)``).
    ///   - token: the bearer token to send, if any.
    public func setWebhook(url: String, delay: Duration = .zero, outcome: WebhookOutcome = .created, token: String? = nil) {
        mutate { $0.webhook = .init(url: url, delay: delay, outcome: outcome, token: token) }
    }

    /// Stops sending webhooks for kernels created from now on (scheduled ones still go).
    public func disableWebhook() {
        mutate { $0.webhook = nil }
    }

    /// Reports `outcome` instead of the default for the kernel of `contextId`.
    public func setWebhookOutcome(_ outcome: WebhookOutcome, contextId: String) {
        mutate { $0.webhookOverrides[contextId] = outcome }
    }

    /// Every webhook delivered (or attempted) so far, oldest first.
    public var webhookDeliveries: [WebhookDelivery] {
        state.withLock { $0.deliveries }
    }

    /// Webhooks scheduled and not yet delivered (waiting for their delay, or being sent).
    public var pendingWebhookCount: Int {
        state.withLock { $0.webhookTasks.count }
    }

    /// Waits until at least `count` webhooks have been attempted.
    /// - Throws: `CancellationError`, or ``StandInError/stopped(name:)`` when the stand-in stops first.
    public func waitForWebhookDeliveries(_ count: Int) async throws {
        try await waitUntil { $0.deliveries.count >= count }
    }

    func scheduleWebhook(for contextId: String) {
        mutate { state in
            guard let hook = state.webhook else { return }
            let outcome = state.webhookOverrides[contextId] ?? hook.outcome
            guard let body = KernelAPIState.webhookBody(contextId: contextId, outcome: outcome) else { return }
            state.nextWebhookID += 1
            let id = state.nextWebhookID
            // Created under the lock so the task cannot finish before it is registered.
            state.webhookTasks[id] = Task {
                await self.deliver(id: id, contextId: contextId, body: body, hook: hook)
            }
        }
    }

    private func deliver(id: UInt64, contextId: String, body: JSONValue, hook: KernelAPIState.Webhook) async {
        if hook.delay > .zero {
            do {
                try await clock.sleep(for: hook.delay)
            } catch {
                mutate { _ = $0.webhookTasks.removeValue(forKey: id) }
                return
            }
        }
        let result = await sender.post(body.serializedBytes(), to: hook.url, token: hook.token)
        let delivery: WebhookDelivery
        switch result {
        case .answered(let status):
            delivery = WebhookDelivery(contextId: contextId, url: hook.url, body: body, statusCode: status, error: nil)
            logger.info("webhook \(body["event"]?.stringValue ?? "?") for \(contextId) answered \(status)")
        case .failed(let error):
            delivery = WebhookDelivery(contextId: contextId, url: hook.url, body: body, statusCode: nil, error: error)
            logger.warning("webhook for \(contextId) failed: \(error)")
        }
        mutate { state in
            // Gone from the table means stop() or forgetAll() cancelled it: not a delivery.
            guard state.webhookTasks.removeValue(forKey: id) != nil else { return }
            state.deliveries.append(delivery)
        }
    }
}
