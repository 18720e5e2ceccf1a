extension KernelAPIStandIn {
    /// Answers the next `count` calls of `operation` with `status` and `body`, before
    /// they touch any kernel (and before the token check).
    /// - Parameters:
    ///   - body: the answer's body as text (sent as JSON when it parses as JSON);
    ///     nil gives `{"message": "Injected failure (status N)"}`.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a negative count or a status outside 100...599.
    public func failNext(_ count: Int, operation: KernelOperation, status: Int, body: String? = nil) throws {
        try Self.validate(count: count)
        try HTTPReply.validate(status: status)
        mutate { $0.failures[operation, default: []] += Array(repeating: .kernel(status: status, body: body), count: count) }
    }

    /// Lets the next `count` calls of `operation` that reach the kernels take effect, then
    /// answers them with `status` and `body` instead: the answer got lost (a create that
    /// created the kernel but looked failed to the client).
    /// - Throws: ``StandInError/invalidArgument(_:)`` as ``failNext(_:operation:status:body:)``.
    public func failNextAfterApplying(_ count: Int, operation: KernelOperation, status: Int, body: String? = nil) throws {
        try Self.validate(count: count)
        try HTTPReply.validate(status: status)
        mutate {
            $0.failuresAfterApplying[operation, default: []] +=
                Array(repeating: .kernel(status: status, body: body), count: count)
        }
    }

    /// Fails each call of `operation` with `probability`, drawn from a generator seeded
    /// with `seed` (the same calls fail on every run). Probability 0 turns it off.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a probability outside 0...1 or a bad status.
    public func setFailureRate(
        _ probability: Double, operation: KernelOperation, status: Int = 500, body: String? = nil, seed: UInt64 = 1
    ) throws {
        guard (0...1).contains(probability) else {
            throw StandInError.invalidArgument("probability must be in 0...1, got \(probability)")
        }
        try HTTPReply.validate(status: status)
        mutate { state in
            state.failureRates[operation] =
                probability == 0
                ? nil
                : .init(
                    probability: probability, failure: .kernel(status: status, body: body),
                    generator: SeededGenerator(seed: seed))
        }
    }

    /// Delays every call of `operation` by `latency` on the injected clock; `.zero` turns it off.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a negative latency.
    public func setLatency(_ latency: Duration, operation: KernelOperation) throws {
        guard latency >= .zero else {
            throw StandInError.invalidArgument("latency must not be negative, got \(latency)")
        }
        mutate { $0.latency[operation] = latency == .zero ? nil : latency }
    }

    /// Makes the next `count` calls of `operation` hang: no answer until ``releaseHung(_:)``,
    /// ``stop()`` or cancellation of the server task.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a negative count.
    public func hangNext(_ count: Int, operation: KernelOperation) throws {
        try Self.validate(count: count)
        mutate { $0.pendingHangs[operation, default: 0] += count }
    }

    /// Lets the hung calls (of `operation`, or all) carry on as normal calls.
    /// - Returns: how many were released.
    @discardableResult
    public func releaseHung(_ operation: KernelOperation? = nil) -> Int {
        let released = mutate { $0.hung.removeAll { operation == nil || $0 == operation } }
        for continuation in released { continuation.resume(returning: true) }
        return released.count
    }

    /// Alternates: `up` calls answered normally, then `down` calls answered `status`
    /// (503 by default) with `{"message": "Service Unavailable"}`, and so on, counting
    /// calls of every operation. Starts with the up phase.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for negative counts, no calls at all, or a bad status.
    public func setFlapping(up: Int, down: Int, status: Int = 503) throws {
        guard up >= 0, down >= 0, up + down > 0 else {
            throw StandInError.invalidArgument("flapping needs up >= 0, down >= 0 and up + down > 0, got up \(up), down \(down)")
        }
        try HTTPReply.validate(status: status)
        mutate { $0.availability = .flapping(up: up, down: down, status: status, position: 0) }
    }

    /// Answers every call with `status` (503 by default) until ``setUp()``.
    /// - Throws: ``StandInError/invalidArgument(_:)`` for a bad status.
    public func setDown(status: Int = 503) throws {
        try HTTPReply.validate(status: status)
        mutate { $0.availability = .down(status: status) }
    }

    /// Ends ``setDown(status:)`` and ``setFlapping(up:down:status:)``.
    public func setUp() {
        mutate { $0.availability = .up }
    }

    /// Removes every injected fault: queued failures, failure rates, latency, pending hangs
    /// and down/flapping. Calls already hanging stay hung (see ``releaseHung(_:)``).
    public func clearFaults() {
        mutate { state in
            state.failures.removeAll()
            state.failuresAfterApplying.removeAll()
            state.failureRates.removeAll()
            state.latency.removeAll()
            state.pendingHangs.removeAll()
            state.availability = .up
        }
    }

    /// A restart of the kernel service: every kernel is forgotten and webhooks not yet
    /// sent are dropped. Counters, recorded requests and faults are kept.
    public func forgetAll() {
        let cancelled = mutate { state in
            state.kernels.removeAll()
            defer { state.webhookTasks.removeAll() }
            return Array(state.webhookTasks.values)
        }
        for task in cancelled { task.cancel() }
        logger.info("kernel API stand-in forgot every kernel")
    }

    /// Forgets one kernel (as if the service lost it).
    /// - Returns: whether there was one.
    @discardableResult
    public func removeKernel(contextId: String) -> Bool {
        mutate { $0.kernels.removeValue(forKey: contextId) != nil }
    }

    /// Adds (or replaces) a kernel without a create call, e.g. one that existed before
    /// the operator started. Does not count as a create and sends no webhook.
    public func insertKernel(_ kernel: KernelRecord) {
        mutate { $0.kernels[kernel.contextId] = kernel }
    }

    /// How a create for an existing contextId is answered (200 with it by default).
    public func setDuplicateCreatePolicy(_ policy: DuplicateCreatePolicy) {
        mutate { $0.duplicatePolicy = policy }
    }

    private static func validate(count: Int) throws(StandInError) {
        guard count >= 0 else { throw .invalidArgument("count must not be negative, got \(count)") }
    }
}
