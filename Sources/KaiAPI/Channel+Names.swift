/// The fixed names of the Channel contract: finalizer, annotations, condition types, reasons.
extension Channel {
    /// Released the kernel before the Channel may go.
    public static let finalizer = "kai.dev/kernel-release"
    /// `"true"` lets a Channel go without calling release (for a kernel API gone for good).
    public static let skipReleaseAnnotation = "kai.dev/skip-release"
    /// A new value resets `retryCount` and tries again at once.
    public static let retryAnnotation = "kai.dev/retry"

    /// Kind-specific condition types.
    public enum ConditionType {
        /// The kernel is `Created`; `Ready` follows it.
        public static let kernelReady = "KernelReady"
        /// The Qdrant collection is `Created`.
        public static let collectionReady = "CollectionReady"
    }

    /// Condition reasons (CamelCase) and Event reasons.
    public enum Reason {
        public static let kernelCreated = "KernelCreated"
        public static let kernelAdopted = "KernelAdopted"
        public static let kernelCreating = "KernelCreating"
        public static let kernelPending = "KernelPending"
        public static let kernelCreateFailed = "KernelCreateFailed"
        public static let kernelCheckFailed = "KernelCheckFailed"
        public static let kernelCreationTimedOut = "KernelCreationTimedOut"
        public static let kernelLost = "KernelLost"
        public static let kernelSpecChanged = "KernelSpecChanged"
        public static let kernelReleased = "KernelReleased"
        public static let kernelReleaseFailed = "KernelReleaseFailed"
        public static let kernelReleaseSkipped = "KernelReleaseSkipped"
        public static let retryScheduled = "RetryScheduled"
        public static let retriesExhausted = "RetriesExhausted"
        public static let retryRequested = "RetryRequested"
        public static let invalidSpec = "InvalidSpec"
        public static let authSecretNotFound = "AuthSecretNotFound"
        public static let suspended = "Suspended"
        public static let resumed = "Resumed"
        public static let collectionPending = "CollectionPending"
        public static let collectionCreated = "CollectionCreated"
        public static let collectionFailed = "CollectionFailed"
        public static let unknownWebhookEvent = "UnknownWebhookEvent"
    }
}
