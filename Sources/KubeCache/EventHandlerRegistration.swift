/// Identifies a handler added to an ``Informer``, to remove it later.
public struct EventHandlerRegistration: Hashable, Sendable {
    let id: UInt64
}
