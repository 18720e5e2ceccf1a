/// What the kernel service reports about the Qdrant collection after a kernel is created.
public enum WebhookOutcome: Sendable, Hashable {
    /// `{"event": "qdrant-collection-created", "status": "created", "error": null}`.
    case created
    /// `{"event": "qdrant-collection-failed", "status": "failed", "error": <error>}`.
    case failed(error: String)
    /// No webhook is sent.
    case silent

    /// The seed's `event` value, nil for ``silent``.
    public var event: String? {
        switch self {
        case .created: return "qdrant-collection-created"
        case .failed: return "qdrant-collection-failed"
        case .silent: return nil
        }
    }
}
