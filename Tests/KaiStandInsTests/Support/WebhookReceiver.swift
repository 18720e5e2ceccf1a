import Hummingbird
import Testing
import JSON
import Logging
@testable import KaiStandIns

/// A tiny HTTP server standing in for the operator's webhook endpoint: it answers
/// `POST /api/webhooks/kernel` with `status` and hands every request to the test.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var authorization: String?
        var contentType: String?
        var body: JSONValue
    }

    private let server = StandInServer(name: "webhook receiver", logger: quietLogger)
    let received: AsyncStream<Received>
    private let continuation: AsyncStream<Received>.Continuation
    private let status: Int

    init(status: Int = 200) {
        (received, continuation) = AsyncStream.makeStream()
        self.status = status
    }

    /// The endpoint URL, valid after ``start()``.
    var url: String { (server.baseURL ?? "") + "/api/webhooks/kernel" }

    func start() async throws {
        let router = Router()
        let continuation = self.continuation
        let status = self.status
        router.post("/api/webhooks/kernel") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let json = (try? JSONValue(parsing: Array(buffer: body))) ?? .string(String(buffer: body))
            continuation.yield(
                Received(
                    authorization: request.headers[.authorization],
                    contentType: request.headers[.contentType],
                    body: json
                ))
            return Response(status: .init(code: status))
        }
        try await server.start(router: router, host: "127.0.0.1", port: 0)
    }

    func stop() async {
        await server.stop()
        continuation.finish()
    }

    /// The next request received.
    func next() async throws -> Received {
        var iterator = received.makeAsyncIterator()
        return try #require(await iterator.next())
    }
}
