public import Hummingbird
public import Logging
import Synchronization

/// One Hummingbird server on its own task: the metrics and probe endpoints, and a controller's
/// own server (the Channel webhook). One binding path, so every endpoint reports a busy or bad
/// address the same way: as a ``ReconcileConfigurationError`` naming the flag that set it.
public final class HTTPEndpoint: Sendable {
    enum Phase {
        case stopped
        case starting
        case running(task: Task<Void, Never>, closeListener: @Sendable () async -> Void, port: Int)
    }

    /// What it serves, for logs (`metrics`, `health probe`, `channel webhook`).
    public let name: String
    /// The flag that sets the address, named in errors (`--metrics-bind-address`).
    public let setting: String
    /// Where it listens (port 0: any free port, see ``port``).
    public let address: ListenAddress
    /// Adds the routes; the router itself is built at start (it is not `Sendable`).
    let routes: @Sendable (Router<BasicRequestContext>) -> Void
    let logger: Logger
    let phase = Mutex<Phase>(.stopped)

    /// An endpoint serving `routes` on `address` once started.
    /// - Parameter setting: the flag named when the address cannot be bound; defaults to `<name> endpoint`.
    public init(name: String, setting: String? = nil, address: ListenAddress, logger: Logger,
                routes: @escaping @Sendable (Router<BasicRequestContext>) -> Void) {
        self.name = name
        self.setting = setting ?? "\(name) endpoint"
        self.address = address
        self.routes = routes
        self.logger = logger
    }

    /// The bound port while running.
    public var port: Int? {
        phase.withLock { phase in
            guard case .running(_, _, let port) = phase else { return nil }
            return port
        }
    }

    /// Binds and returns once the server accepts connections.
    /// - Returns: the bound port.
    /// - Throws: ``ReconcileConfigurationError`` naming ``setting`` and the address when binding
    ///   fails or the endpoint is already running; `CancellationError` when cancelled first.
    @discardableResult
    public func start() async throws -> Int {
        let claimed = phase.withLock { phase -> Bool in
            guard case .stopped = phase else { return false }
            phase = .starting
            return true
        }
        guard claimed else { throw ReconcileConfigurationError(setting: "\(setting) \(address)", reason: "the \(name) server is already running") }
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
        // or it would stop at the first signal; its owner stops it last, after the drain.
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
                throw ReconcileConfigurationError(setting: "\(setting) \(address)", reason: "the server stopped before listening")
            }
            phase.withLock { $0 = .running(task: task, closeListener: listening.close, port: listening.port) }
            logger.info("\(name) endpoint listening", metadata: ["address": "\(ListenAddress(host: address.host, port: listening.port))"])
            return listening.port
        } catch {
            task.cancel()
            await task.value
            phase.withLock { $0 = .stopped }
            if error is CancellationError || error is ReconcileConfigurationError { throw error }
            throw ReconcileConfigurationError(setting: "\(setting) \(address)", reason: "cannot listen: \(error)")
        }
    }

    /// Serves until the calling task is cancelled, then stops.
    /// - Throws: what ``start()`` throws.
    public func run() async throws {
        try await start()
        // Parks until cancelled: iterating an AsyncStream ends when the task is cancelled.
        let (parked, continuation) = AsyncStream<Void>.makeStream()
        for await _ in parked {}
        continuation.finish()
        await stop()
    }

    /// Closes the listener, then the open connections; returns once the server stopped.
    public func stop() async {
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
