import Hummingbird
import Logging
import Synchronization

/// One Hummingbird server on its own task: the metrics or the probe endpoint.
final class HTTPEndpoint: Sendable {
    enum Phase {
        case stopped
        case running(task: Task<Void, Never>, closeListener: @Sendable () async -> Void, port: Int)
    }

    let name: String
    let address: ListenAddress
    /// Adds the routes; the router itself is built at start (it is not `Sendable`).
    let routes: @Sendable (Router<BasicRequestContext>) -> Void
    let logger: Logger
    let phase = Mutex<Phase>(.stopped)

    init(name: String, address: ListenAddress, logger: Logger, routes: @escaping @Sendable (Router<BasicRequestContext>) -> Void) {
        self.name = name
        self.address = address
        self.routes = routes
        self.logger = logger
    }

    /// The bound port while running.
    var port: Int? {
        phase.withLock { phase in
            guard case .running(_, _, let port) = phase else { return nil }
            return port
        }
    }

    /// Binds and returns once the server accepts connections.
    /// - Throws: ``ReconcileConfigurationError`` naming the endpoint and address when binding fails.
    @discardableResult
    func start() async throws -> Int {
        typealias Listening = (port: Int, close: @Sendable () async -> Void)
        let (bound, continuation) = AsyncThrowingStream<Listening, any Error>.makeStream()
        let requested = address.port
        let router = Router()
        routes(router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield((channel.localAddress?.port ?? requested, { try? await channel.close() }))
            },
            logger: logger)
        // Detached: the endpoint must not inherit the service group's graceful-shutdown trigger,
        // or it would stop at the first signal; the manager stops it last, after the drain.
        let task = Task.detached {
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
                throw ReconcileConfigurationError(setting: "\(name) endpoint \(address)", reason: "the server stopped before listening")
            }
            phase.withLock { $0 = .running(task: task, closeListener: listening.close, port: listening.port) }
            logger.info("\(name) endpoint listening", metadata: ["address": "\(ListenAddress(host: address.host, port: listening.port))"])
            return listening.port
        } catch {
            task.cancel()
            await task.value
            if error is CancellationError || error is ReconcileConfigurationError { throw error }
            throw ReconcileConfigurationError(setting: "\(name) endpoint \(address)", reason: "cannot listen: \(error)")
        }
    }

    /// Closes the listener, then the open connections; returns once the server stopped.
    func stop() async {
        let running: (Task<Void, Never>, @Sendable () async -> Void)? = phase.withLock { phase in
            guard case .running(let task, let close, _) = phase else { return nil }
            phase = .stopped
            return (task, close)
        }
        guard let (task, close) = running else { return }
        // Closing the listener first ends the accept loop cleanly; cancelling then only
        // interrupts connections still open.
        await close()
        task.cancel()
        await task.value
    }
}
