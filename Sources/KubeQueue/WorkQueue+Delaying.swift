import HeapModule

extension WorkQueue {
    /// Adds `key` once `delay` has passed on the queue's clock (client-go's `AddAfter`).
    ///
    /// A non-positive delay adds at once. If the key is already scheduled, the earlier of the
    /// two ready times wins. Does nothing once the queue is shutting down. Counts as a retry
    /// in the metrics.
    public func addAfter(_ key: Key, delay: Duration) {
        let outcome = state.withLock { state -> DelayOutcome in
            guard !state.shuttingDown else { return .none }
            if recordsMetrics { metrics.retried() }
            guard delay > .zero else {
                return enqueue(key, &state).map(DelayOutcome.handoff) ?? .none
            }
            let readyAt = clock.now() + delay
            if let scheduled = state.delayedByKey[key], scheduled.readyAt <= readyAt { return .none }
            state.delayedSequence += 1
            let entry = Delayed(readyAt: readyAt, sequence: state.delayedSequence, key: key)
            state.delayedByKey[key] = entry
            state.delayed.insert(entry)
            if let timer = state.timer, timer.deadline <= readyAt { return .none }
            return scheduleTimer(at: readyAt, &state).map(DelayOutcome.replacedTimer) ?? .none
        }
        switch outcome {
        case .none: break
        case .handoff(let handoff): handoff.resume()
        case .replacedTimer(let task): task.cancel()
        }
    }

    /// Starts the task that sleeps until `deadline`, replacing the current one.
    /// - Returns: the replaced task, to be cancelled outside the lock.
    func scheduleTimer(at deadline: Duration, _ state: inout State) -> Task<Void, Never>? {
        state.timerGeneration += 1
        let generation = state.timerGeneration
        let clock = self.clock
        let replaced = state.timer?.task
        let task = Task { [weak self] in
            do { try await clock.sleep(deadline) } catch { return }
            self?.timerFired(generation: generation)
        }
        state.timer = Timer(deadline: deadline, generation: generation, task: task)
        return replaced
    }

    /// Adds every delayed key whose time has come and re-arms the timer for the next one.
    func timerFired(generation: UInt64) {
        let handoffs = state.withLock { state -> [Handoff] in
            // A timer replaced while it was waking up must not act.
            guard let timer = state.timer, timer.generation == generation else { return [] }
            state.timer = nil
            let now = clock.now()
            var handoffs: [Handoff] = []
            state.pruneStaleDelayed()
            while let head = state.delayed.min, head.readyAt <= now {
                state.delayed.removeMin()
                state.delayedByKey[head.key] = nil
                if let handoff = enqueue(head.key, &state) { handoffs.append(handoff) }
                state.pruneStaleDelayed()
            }
            if let next = state.delayed.min {
                _ = scheduleTimer(at: next.readyAt, &state)
            }
            return handoffs
        }
        for handoff in handoffs { handoff.resume() }
    }

    /// How many keys are waiting for their delay to pass.
    public var delayedCount: Int {
        state.withLock { $0.delayedByKey.count }
    }
}
