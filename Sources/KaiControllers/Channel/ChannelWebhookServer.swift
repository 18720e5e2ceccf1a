import Hummingbird
public import KubeReconcile
import Logging
import Synchronization

/// The webhook receiver of the kernel service (`POST /api/webhooks/kernel`), on its own port
/// (`--webhook-bind-address`, default `:8082`): see ``ChannelWebhookHandler`` for the answers.
///
/// Run it next to the manager (``run()`` until cancelled), or ``start()`` / ``stop()`` it.
public final class ChannelWebhookServer: Sendable {
    /// The webhook path, as in the seed (`app.use('/api/webhooks', ...)`, `router.post('/kernel')`).
    public static let path = "/api/webhooks/kernel"

    enum Phase {
        case stopped
        case starting
        case running(task: Task<Void, Never>, close: @Sendable () async -> Void, port: Int)
    }

    /// Where it listens.
    public let address: ListenAddress
    let handler: ChannelWebhookHandler
    let bodyLimit: Int
    let logger: Logger
    let phase = Mutex(Phase.stopped)

    init(address: ListenAddress, handler: ChannelWebhookHandler, bodyLimit: Int, logger: Logger) {
        self.address = address
        self.handler = handler
        self.bodyLimit = bodyLimit
        self.logger = logger
    }

    /// The bound port while running (useful with port 0).
    public var port: Int? {
        phase.withLock { phase in
            guard case .running(_, _, let port) = phase else { return nil }
            return port
        }
    }

    /// Serves until the calling task is cancelled, then stops.
    /// - Throws: ``ChannelConfigurationError`` when the address cannot be bound.
    public func run() async throws {
        try await start()
        // Parks until cancelled: iterating an AsyncStream ends when the task is cancelled.
        let (parked, continuation) = AsyncStream<Void>.makeStream()
        for await _ in parked {}
        continuation.finish()
        await stop()
    }

    /// Binds and returns once the server accepts connections.
    /// - Returns: the bound port.
    /// - Throws: ``ChannelConfigurationError`` naming `--webhook-bind-address` when binding fails.
    @discardableResult
    public func start() async throws -> Int {
        let claimed = phase.withLock { phase -> Bool in
            guard case .stopped = phase else { return false }
            phase = .starting
            return true
        }
        guard claimed else { throw ChannelConfigurationError(setting: "--webhook-bind-address", reason: "the webhook server is already running") }
        typealias Listening = (port: Int, close: @Sendable () async -> Void)
        let (bound, continuation) = AsyncThrowingStream<Listening, any Error>.makeStream()
        let requested = address.port
        let app = Application(router: makeRouter(),
                              configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
                              onServerRunning: { channel in
                                  continuation.yield((channel.localAddress?.port ?? requested, { try? await channel.close() }))
                              },
                              logger: logger)
        let task = Task {
            do {
                try await app.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        do {
            var iterator = bound.makeAsyncIterator()
            guard let listening = try await iterator.next() else {
                try Task.checkCancellation()
                throw ChannelConfigurationError(setting: "--webhook-bind-address \(address)", reason: "the server stopped before listening")
            }
            phase.withLock { $0 = .running(task: task, close: listening.close, port: listening.port) }
            logger.info("channel webhook listening", metadata: ["address": "\(ListenAddress(host: address.host, port: listening.port))",
                                                                "path": "\(Self.path)"])
            return listening.port
        } catch {
            task.cancel()
            await task.value
            phase.withLock { $0 = .stopped }
            if error is CancellationError || error is ChannelConfigurationError { throw error }
            throw ChannelConfigurationError(setting: "--webhook-bind-address \(address)", reason: "cannot listen: \(error)")
        }
    }

    /// Closes the listener, then the open connections; returns once stopped.
    public func stop() async {
        let running: (Task<Void, Never>, @Sendable () async -> Void)? = phase.withLock { phase in
            guard case .running(let task, let close, _) = phase else { return nil }
            phase = .stopped
            return (task, close)
        }
        guard let (task, close) = running else { return }
        await close()
        task.cancel()
        await task.value
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let handler = self.handler
        let limit = bodyLimit
        router.post(RouterPath(Self.path)) { request, _ -> Response in
            if let refused = await handler.authorize(request.headers[.authorization]) { return Self.response(refused) }
            var body: [UInt8] = []
            for try await chunk in request.body {
                guard body.count + chunk.readableBytes <= limit else { return Self.response(handler.tooLarge(limit: limit)) }
                body.append(contentsOf: chunk.readableBytesView)
            }
            return Self.response(await handler.handle(body: body))
        }
        return router
    }

    static func response(_ reply: ChannelWebhookReply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if reply.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
