/// One call of the kernel API (seed `000`'s `KernelService`), as metrics and errors name it.
public enum KernelAPIOperation: String, Sendable, Hashable, CaseIterable {
    /// `POST /api/kernel/create`
    case create
    /// `GET /api/kernel/info?contextId=`
    case info
    /// `DELETE /api/kernel/release?contextId=`
    case release
}
