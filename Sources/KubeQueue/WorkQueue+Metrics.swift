extension WorkQueue {
    /// Reports the unfinished-work and longest-running-processor metrics now.
    ///
    /// The queue already samples them periodically when it has metrics; this is for a caller
    /// that wants a fresh value (e.g. right before a scrape).
    public func updateUnfinishedWorkMetrics() {
        guard recordsMetrics else { return }
        state.withLock { state in
            let now = clock.now()
            var total = Duration.zero
            var oldest = Duration.zero
            for start in state.processingStarts.values {
                let age = now - start
                total += age
                oldest = max(oldest, age)
            }
            metrics.unfinishedWorkChanged(to: total)
            metrics.longestRunningProcessorChanged(to: oldest)
        }
    }

    /// Metrics for a key that became dirty (kept out of the inlinable hot path).
    @usableFromInline
    func recordAdded(_ key: Key, _ state: inout State) {
        metrics.added()
        metrics.depthChanged(to: state.dirty.count)
        if state.addTimes[key] == nil { state.addTimes[key] = clock.now() }
    }

    /// Metrics for a key handed to a worker.
    @usableFromInline
    func recordStart(_ key: Key, _ state: inout State) {
        let now = clock.now()
        metrics.depthChanged(to: state.dirty.count)
        if let added = state.addTimes.removeValue(forKey: key) {
            metrics.observeQueueLatency(now - added)
        }
        state.processingStarts[key] = now
    }

    /// Metrics for a key marked done.
    @usableFromInline
    func recordDone(_ key: Key, _ state: inout State) {
        if let start = state.processingStarts.removeValue(forKey: key) {
            metrics.observeWorkDuration(clock.now() - start)
        }
    }

    /// Starts the task that samples the unfinished work every `period` until shutdown.
    func startSampling(every period: Duration) {
        let clock = self.clock
        let sampler = Task { [weak self] in
            // Deadlines step from the start, so a slow sample does not shift later ones.
            var deadline = clock.now() + period
            while true {
                do { try await clock.sleep(deadline) } catch { return }
                guard let self, !self.isShuttingDown else { return }
                self.updateUnfinishedWorkMetrics()
                deadline += period
            }
        }
        state.withLock { state in
            if state.shuttingDown { sampler.cancel() } else { state.sampler = sampler }
        }
    }
}
