/// How the kernel API stand-in answers `POST /api/kernel/create` for a contextId
/// that already has a kernel.
public enum DuplicateCreatePolicy: Sendable, Hashable {
    /// 200 with the existing kernel (a new kernel gets 201).
    case returnExisting
    /// 409 `{"message": "Kernel already exists", "contextId": ...}`.
    case conflict
}
