/// The body of an ``HTTPStreamingResponse``: byte chunks in arrival order.
///
/// Each chunk is delivered as soon as it arrives; chunks the consumer has not yet
/// taken are joined into one on the next call. Buffering is bounded
/// (``TransportOptions/streamBufferLimit``): a slow consumer pauses the transfer
/// rather than growing memory.
///
/// Single consumer: iterate it from one task. Cancelling that task, or dropping every
/// copy of the stream and its iterator, aborts the transfer.
public struct HTTPBodyStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = TransportError

    enum Source: Sendable {
        case transfer(BodyConsumer)
        case chunks(AsyncThrowingStream<[UInt8], any Error>)
    }

    let source: Source

    init(consumer: BodyConsumer) {
        source = .transfer(consumer)
    }

    /// A body fed by `chunks`, for test doubles of ``HTTPTransport``. An error other
    /// than ``TransportError`` thrown by `chunks` is reported as kind
    /// ``TransportError/Kind/other``.
    public init(_ chunks: AsyncThrowingStream<[UInt8], any Error>) {
        source = .chunks(chunks)
    }

    /// A body consisting of `bytes` as one chunk (none if empty), for test doubles.
    public init(bytes: [UInt8]) {
        self.init(AsyncThrowingStream { continuation in
            if !bytes.isEmpty { continuation.yield(bytes) }
            continuation.finish()
        })
    }

    /// The libcurl transfer behind this body, if any (for diagnostics).
    var transfer: CurlTransfer? {
        if case .transfer(let consumer) = source { consumer.transfer } else { nil }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .transfer(let consumer): AsyncIterator(base: .transfer(consumer))
        case .chunks(let stream): AsyncIterator(base: .chunks(stream.makeAsyncIterator()))
        }
    }

    /// Iterates the chunks of an ``HTTPBodyStream``.
    public struct AsyncIterator: AsyncIteratorProtocol {
        enum Base {
            case transfer(BodyConsumer)
            case chunks(AsyncThrowingStream<[UInt8], any Error>.AsyncIterator)
        }

        var base: Base

        public mutating func next() async throws(TransportError) -> [UInt8]? {
            try await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(TransportError) -> [UInt8]? {
            switch base {
            case .transfer(let consumer):
                return try await consumer.transfer.nextChunk().get()
            case .chunks(var iterator):
                defer { base = .chunks(iterator) }
                do {
                    return try await iterator.next(isolation: actor)
                } catch let error as TransportError {
                    throw error
                } catch {
                    throw TransportError(kind: .other, method: "", url: "", summary: "body stream failed", message: "\(error)")
                }
            }
        }
    }
}
