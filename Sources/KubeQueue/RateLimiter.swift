/// Decides how long an item waits before it is retried (client-go's `TypedRateLimiter`).
///
/// A limiter is stateful and shared between the workers of a queue, so conforming types are
/// reference types that protect their state (they are `Sendable`).
///
/// The work queue consults it from ``WorkQueue/addRateLimited(_:)``; ``WorkQueue/forget(_:)``
/// and ``WorkQueue/numRequeues(_:)`` forward to it.
public protocol RateLimiter<Item>: Sendable {
    /// The keys being limited.
    associatedtype Item: Hashable & Sendable

    /// Records one more failure of `item` and returns how long it should wait before its retry.
    func when(_ item: Item) -> Duration

    /// Stops tracking `item`: its next failure starts again from the first delay.
    ///
    /// Call it once an item has been processed successfully. Limiters that are not
    /// per-item (the token bucket) ignore it.
    func forget(_ item: Item)

    /// How many times `item` has failed since it was last forgotten.
    func numRequeues(_ item: Item) -> Int
}
