import JSON

extension Cluster {
    /// Starts the apiserver identity lease controller for a server run: writes the Lease at once
    /// (as the real apiserver's post-start hook does) and keeps renewing it every 10 s of the
    /// server's clock.
    ///
    /// On a real-time clock a background task renews it, so watchers see a MODIFIED every 10 s
    /// like on a real cluster. On any other (test) clock no task sleeps on it — tests count the
    /// sleepers of their manual clocks — and a due renewal is written when the next request
    /// arrives instead (`renewIdentityLeaseIfDue`), so reads still see a fresh `renewTime`.
    func startIdentityLease(_ identity: APIServerIdentityLease) {
        stopIdentityLease()
        identityLease = identity
        renewIdentityLease()
        guard config.clock is ContinuousClock || config.clock is SuspendingClock else { return }
        let clock = config.clock
        identityLeaseTask = Task { [weak self] in
            while true {
                do { try await clock.sleep(for: APIServerIdentityLease.renewInterval) } catch { return }
                guard let self else { return }
                await self.renewIdentityLease()
            }
        }
    }

    /// Stops renewing (the server stopped); the Lease stays, as a stopped apiserver's does until it expires.
    func stopIdentityLease() {
        identityLeaseTask?.cancel()
        identityLeaseTask = nil
        identityLease = nil
        identityLeaseRenewedAt = nil
    }

    /// Renews the Lease when 10 s of the server's clock passed since the last renewal and no
    /// background task does it (see `startIdentityLease`).
    func renewIdentityLeaseIfDue() {
        guard identityLease != nil, identityLeaseTask == nil else { return }
        if let last = identityLeaseRenewedAt, let elapsed = Self.elapsed(on: config.clock, since: last),
           elapsed < APIServerIdentityLease.renewInterval {
            return
        }
        renewIdentityLease()
    }

    /// The controller's write: a create when the Lease is missing (also after someone deleted
    /// it), else an Update of `renewTime` (and of the identity fields, should someone have edited them).
    func renewIdentityLease() {
        guard let identity = identityLease else { return }
        identityLeaseRenewedAt = Self.instant(of: config.clock)
        let storage = APIServerIdentityLease.storage
        let existing = objects[storage]?[identity.key]
        var lease = identity.renewed(existing, renewTime: Timestamps.microTime(now()))
        let stamp = timestamp()
        if existing == nil {
            lease[path: "metadata", "uid"] = .string(newUID())
            lease[path: "metadata", "creationTimestamp"] = .string(stamp)
        }
        lease = Patching.recordUpdate(old: existing, new: lease, manager: APIServerIdentityLease.manager, subresource: nil,
                                      schema: .builtin(apiVersion: "coordination.k8s.io/v1", kind: "Lease"), now: stamp)
        persist(storage, identity.key, Ordering.builtin(lease))
    }

    private static func instant<C: Clock>(of clock: C) -> any InstantProtocol<Duration> where C.Duration == Duration {
        clock.now
    }

    private static func elapsed<C: Clock>(on clock: C, since start: any InstantProtocol<Duration>) -> Duration?
    where C.Duration == Duration {
        guard let start = start as? C.Instant else { return nil }
        return start.duration(to: clock.now)
    }
}
