/// Where a Channel's kernel or Qdrant collection is: `status.kernelStatus` and
/// `status.qdrantCollectionStatus`.
public enum ChannelPhase: String, Codable, Sendable, Hashable, CaseIterable {
    /// Not asked for yet.
    case pending = "Pending"
    /// Asked for; waiting for the answer (or for the kernel to appear).
    case creating = "Creating"
    /// Exists.
    case created = "Created"
    /// The last attempt failed; see the matching error field.
    case failed = "Failed"
}
