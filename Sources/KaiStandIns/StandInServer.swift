import Hummingbird
import Logging
import Synchronization

/// Runs one Hummingbird application on a background task and reports the port it bound.
///
/// Both stand-ins use it; it knows nothing about what the routes do.
final class StandInServer: Sendable {
    private enum Phase {
        case stopped
        case starting
        case running(task: Task<Void, Never>, closeListener: @Sendable () async -> Void, host: String, port: Int)
    }

    /// Name used in logs and errors (`kernel API stand-in`, ...).
    let name: String
    private let logger: Logger
    private let phase = Mutex<Phase>(.stopped)

    init(name: String, logger: Logger) {
        self.name = name
        self.logger = logger
    }

    /// The base URL (`http://host:port`), or nil while the server is not listening.
    var baseURL: String? {
        phase.withLock { phase in
            guard case .running(_, _, let host, let port) = phase else { return nil }
            // IPv6 literals need brackets inside a URL.
            let urlHost = host.contains(":") ? "[\(host)]" : host
            return "http://\(urlHost):\(port)"
        }
    }

    /// The bound port, or nil while the server is not listening.
    var port: Int? {
        phase.withLock { phase in
            guard case .running(_, _, _, let port) = phase else { return nil }
            return port
        }
    }

    /// Binds `host:port` (port 0 picks a free one) and returns once the server is listening.
    /// - Returns: the port actually bound.
    /// - Throws: ``StandInError/alreadyRunning(name:)`` or ``StandInError/startFailed(name:address:reason:)``.
    @discardableResult
    func start(router: Router<BasicRequestContext>, host: String, port: Int) async throws -> Int {
        let name = self.name
        try phase.withLock { phase in
            guard case .stopped = phase else { throw StandInError.alreadyRunning(name: name) }
            phase = .starting
        }
        typealias Listening = (port: Int, close: @Sendable () async -> Void)
        let (bound, continuation) = AsyncThrowingStream<Listening, any Error>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                // Closing the listening channel ends the accept loop normally; see stop().
                continuation.yield((channel.localAddress?.port ?? port, { try? await channel.close() }))
            },
            logger: logger
        )
        let logger = self.logger
        let task = Task {
            do {
                try await app.run()
                continuation.finish()
            } catch {
                logger.debug("\(name) stopped: \(error)")
                continuation.finish(throwing: error)
            }
        }
        let address = "\(host):\(port)"
        do {
            var iterator = bound.makeAsyncIterator()
            guard let listening = try await iterator.next() else {
                // The stream also ends when the caller is cancelled: say so rather than "exited".
                try Task.checkCancellation()
                throw StandInError.startFailed(name: name, address: address, reason: "server exited before listening")
            }
            phase.withLock { $0 = .running(task: task, closeListener: listening.close, host: host, port: listening.port) }
            logger.info("\(name) listening on \(host):\(listening.port)")
            return listening.port
        } catch {
            task.cancel()
            await task.value
            phase.withLock { $0 = .stopped }
            if error is StandInError || error is CancellationError { throw error }
            throw StandInError.startFailed(name: name, address: address, reason: "\(error)")
        }
    }

    /// Stops accepting connections, cancels the open ones and waits until the server has
    /// stopped. Does nothing when not running.
    ///
    /// Graceful shutdown would need ServiceLifecycle's `ServiceGroup`, which is not a declared
    /// dependency; cancelling the server task while it still accepts makes Hummingbird log an
    /// error, so the listener is closed first and only the connections see the cancellation.
    func stop() async {
        let running: (Task<Void, Never>, @Sendable () async -> Void)? = phase.withLock { phase in
            guard case .running(let task, let closeListener, _, _) = phase else { return nil }
            phase = .stopped
            return (task, closeListener)
        }
        guard let (task, closeListener) = running else { return }
        await closeListener()
        task.cancel()
        await task.value
        logger.info("\(name) stopped")
    }
}
