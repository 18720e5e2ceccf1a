extension KernelAPIStandIn {
    /// Calls of `operation` received so far, including rejected and failed ones.
    public func callCount(_ operation: KernelOperation) -> Int {
        state.withLock { $0.calls[operation] ?? 0 }
    }

    /// Create calls for `contextId` that reached the kernels: valid body, not stopped by
    /// a fault, flapping or the token check; whether they created a kernel or met an
    /// existing one. More than 1 means the client asked for the same kernel twice.
    public func createCount(contextId: String) -> Int {
        state.withLock { $0.createsByContext[contextId] ?? 0 }
    }

    /// The kernels held now, by contextId.
    public var kernels: [String: KernelRecord] {
        state.withLock { $0.kernels }
    }

    /// The kernel of `contextId`, if held.
    public func kernel(contextId: String) -> KernelRecord? {
        state.withLock { $0.kernels[contextId] }
    }

    /// The requests received (the newest 1000), oldest first.
    public var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    /// The last request of `operation`, if any.
    public func lastRequest(_ operation: KernelOperation) -> RecordedRequest? {
        state.withLock { $0.lastRequests[operation] }
    }

    /// Calls hanging now (of `operation`, or all).
    public func hungCount(_ operation: KernelOperation? = nil) -> Int {
        state.withLock { $0.hung.count { operation == nil || $0 == operation } }
    }

    /// Waits until `operation` has received at least `count` calls.
    /// - Throws: `CancellationError`, or ``StandInError/stopped(name:)`` when the stand-in stops first.
    public func waitForCalls(_ count: Int, operation: KernelOperation) async throws {
        try await waitUntil { ($0.calls[operation] ?? 0) >= count }
    }

    /// Waits until at least `count` calls (of `operation`, or all) are hanging.
    /// - Throws: `CancellationError`, or ``StandInError/stopped(name:)`` when the stand-in stops first.
    public func waitForHungRequests(_ count: Int, operation: KernelOperation? = nil) async throws {
        try await waitUntil { $0.hung.count { operation == nil || $0 == operation } >= count }
    }

    /// Suspends until `condition` holds for the state (checked now and after every change).
    func waitUntil(_ condition: @escaping @Sendable (KernelAPIState) -> Bool) async throws {
        let id = mutate { $0.conditionWaiters.makeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Next { case ready, cancelled, waiting }
                let next = mutate { state -> Next in
                    if condition(state) { return .ready }
                    return state.conditionWaiters.add(id, tag: condition, continuation) ? .waiting : .cancelled
                }
                switch next {
                case .ready: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            mutate { $0.conditionWaiters.cancel(id) }?.resume(throwing: CancellationError())
        }
    }
}
