import Hummingbird
public import KubeReconcile
import Logging

/// The webhook receiver of the kernel service (`POST /api/webhooks/kernel`), on its own port
/// (`--webhook-bind-address`, default `:8082`): see ``ChannelWebhookHandler`` for the answers.
///
/// Run it next to the manager (``run()`` until cancelled), or ``start()`` / ``stop()`` it.
/// Binding is KubeReconcile's ``HTTPEndpoint``, shared with the metrics and probe endpoints.
public final class ChannelWebhookServer: Sendable {
    /// The webhook path, as in the seed (`app.use('/api/webhooks', ...)`, `router.post('/kernel')`).
    public static let path = "/api/webhooks/kernel"

    let endpoint: HTTPEndpoint

    init(address: ListenAddress, handler: ChannelWebhookHandler, bodyLimit: Int, logger: Logger) {
        endpoint = HTTPEndpoint(name: "channel webhook", setting: "--webhook-bind-address", address: address, logger: logger) { router in
            Self.addRoute(to: router, handler: handler, bodyLimit: bodyLimit)
        }
    }

    /// Where it listens.
    public var address: ListenAddress { endpoint.address }

    /// The bound port while running (useful with port 0).
    public var port: Int? { endpoint.port }

    /// Serves until the calling task is cancelled, then stops.
    /// - Throws: ``ChannelConfigurationError`` when the address cannot be bound.
    public func run() async throws {
        do { try await endpoint.run() } catch let error as ReconcileConfigurationError { throw Self.configurationError(error) }
    }

    /// Binds and returns once the server accepts connections.
    /// - Returns: the bound port.
    /// - Throws: ``ChannelConfigurationError`` naming `--webhook-bind-address` when binding fails.
    @discardableResult
    public func start() async throws -> Int {
        do { return try await endpoint.start() } catch let error as ReconcileConfigurationError { throw Self.configurationError(error) }
    }

    /// Closes the listener, then the open connections; returns once stopped.
    public func stop() async { await endpoint.stop() }

    /// The Channel controller reports its settings as ``ChannelConfigurationError``s.
    static func configurationError(_ error: ReconcileConfigurationError) -> ChannelConfigurationError {
        ChannelConfigurationError(setting: error.setting, reason: error.reason)
    }

    static func addRoute(to router: Router<BasicRequestContext>, handler: ChannelWebhookHandler, bodyLimit limit: Int) {
        router.post(RouterPath(path)) { request, _ -> Response in
            if let refused = await handler.authorize(request.headers[.authorization]) { return response(refused) }
            var body: [UInt8] = []
            for try await chunk in request.body {
                guard body.count + chunk.readableBytes <= limit else { return response(handler.tooLarge(limit: limit)) }
                body.append(contentsOf: chunk.readableBytesView)
            }
            return response(await handler.handle(body: body))
        }
    }

    static func response(_ reply: ChannelWebhookReply) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if reply.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
