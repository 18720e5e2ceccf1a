/// A ``Reconciler`` made of a closure, for small controllers and tests.
public struct ReconcilerFunction: Reconciler {
    private let body: @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult

    /// Wraps `body`.
    public init(_ body: @escaping @Sendable (ObjectKey, ReconcileContext) async throws -> ReconcileResult) {
        self.body = body
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileResult {
        try await body(key, context)
    }
}
