public import KubeClient

/// The events of one watch request, whatever produced them: a ``KubeClient`` `WatchStream`
/// in production, a scripted `AsyncThrowingStream` in tests.
///
/// Ends when the server closes the stream; throws on an `ERROR` event (as ``KubeError/api(_:)``)
/// or a broken connection.
public struct WatchEventStream<Object: Sendable>: AsyncSequence {
    public typealias Element = WatchEvent<Object>

    private let makeIterator: () -> AsyncIterator

    /// Wraps any sequence of watch events.
    public init<Base: AsyncSequence>(_ base: Base) where Base.Element == WatchEvent<Object> {
        makeIterator = {
            var iterator = base.makeAsyncIterator()
            return AsyncIterator { try await iterator.next() }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { makeIterator() }

    /// Iterates the wrapped sequence.
    public struct AsyncIterator: AsyncIteratorProtocol {
        // The base iterator lives in this closure's context, which keeps the wrapper free of
        // the base's type without an existential cast per event.
        let nextEvent: () async throws -> WatchEvent<Object>?

        public mutating func next() async throws -> WatchEvent<Object>? {
            try await nextEvent()
        }
    }
}
