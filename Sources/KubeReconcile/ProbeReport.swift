/// The result of the `/healthz` or `/readyz` checks.
public struct ProbeReport: Sendable, Equatable {
    /// One named check and, when it failed, why.
    public struct Check: Sendable, Equatable {
        /// The check's name (`informer-sync`, `leader-election`, ...).
        public var name: String
        /// nil when the check passed.
        public var failure: String?

        /// A check result.
        public init(name: String, failure: String?) {
            self.name = name
            self.failure = failure
        }
    }

    /// Every check, in order.
    public var checks: [Check]

    /// True when every check passed.
    public var isHealthy: Bool { checks.allSatisfy { $0.failure == nil } }

    /// `ok`, or one `[+]name ok` / `[-]name failed: reason` line per check and a summary,
    /// as the Kubernetes components print it.
    public func text(probe: String) -> String {
        guard !isHealthy else { return "ok" }
        let lines = checks.map { check in
            check.failure.map { "[-]\(check.name) failed: \($0)" } ?? "[+]\(check.name) ok"
        }
        return (lines + ["\(probe) check failed"]).joined(separator: "\n") + "\n"
    }
}
