public import Foundation
public import Logging
import Synchronization

/// An in-process stand-in for the kernel API of seed `000_fc340b8ffffca223.txt`
/// (chat-copilot-webapi): `POST /api/kernel/create`, `GET /api/kernel/info?contextId=`,
/// `DELETE /api/kernel/release?contextId=`, served over real HTTP on Hummingbird.
///
/// Tests control it through its methods: per-operation latency (slept on the injected
/// clock), failures (the next N calls, or a seeded probability), failures *after* the call
/// took effect (a lost answer), hanging requests, flapping, a restart that forgets every
/// kernel, and the `qdrant-collection-*` webhook sent after a delay. It counts every call
/// and every create per contextId, and keeps the requests it received.
///
/// Answers:
/// - create: 201 and the kernel for a new contextId; for an existing one 200 and the
///   existing kernel (or 409, see ``DuplicateCreatePolicy``); 400 `{"message"}` naming
///   the wrong field of the body.
/// - info: 200 and the kernel, 404 when unknown, 400 without `contextId`.
/// - release: 200 `{"message": "Kernel released", "contextId"}`, 404 when unknown, 400 without `contextId`.
/// - any: 401 `{"message": "Unauthorized"}` when a token is set and the request lacks
///   `Authorization: Bearer <token>`.
///
/// - Important: all state sits behind one `Mutex`; every method is safe from any task.
public final class KernelAPIStandIn: Sendable {
    let state: Mutex<KernelAPIState>
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    let server: StandInServer
    let sender = WebhookSender()

    /// Largest request body accepted; a bigger one gets 413.
    static let maxBodyBytes = 1 << 20

    /// - Parameters:
    ///   - token: the bearer token every request must carry; nil leaves the API open.
    ///   - clock: the clock latency and webhook delays are slept on (a manual clock in tests).
    ///   - defaults: what a kernel gets when the create request leaves it out.
    ///   - now: the wall time written as `lastAccessTime`.
    ///   - logger: where the server logs.
    public init(
        token: String? = nil,
        clock: some Clock<Duration> = ContinuousClock(),
        defaults: KernelDefaults = KernelDefaults(),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "kai.standin.kernel-api")
    ) {
        self.state = Mutex(KernelAPIState(token: token, defaults: defaults))
        self.clock = clock
        self.now = now
        self.logger = logger
        self.server = StandInServer(name: "kernel API stand-in", logger: logger)
    }

    /// Starts serving on `host:port`; port 0 picks a free port (see ``url``).
    /// - Throws: ``StandInError`` when already running or when the address cannot be bound.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        try await server.start(router: makeRouter(), host: host, port: port)
    }

    /// The base URL, e.g. `http://127.0.0.1:43125`; empty while not running.
    public var url: String { server.baseURL ?? "" }

    /// The bound port, or nil while not running.
    public var port: Int? { server.port }

    /// Stops serving: hung requests are aborted, pending webhooks cancelled, waiters
    /// woken with ``StandInError/stopped(name:)``. Kernels and counters are kept, so the
    /// stand-in can be started again like a restarted process that kept its data.
    public func stop() async {
        let (hung, waiters, webhooks) = state.withLock { state in
            let hung = state.hung.removeAll { _ in true }
            let waiters = state.conditionWaiters.removeAll { _ in true }
            let webhooks = Array(state.webhookTasks.values)
            state.webhookTasks.removeAll()
            return (hung, waiters, webhooks)
        }
        for continuation in hung { continuation.resume(returning: false) }
        for continuation in waiters { continuation.resume(throwing: StandInError.stopped(name: server.name)) }
        for task in webhooks { task.cancel() }
        await server.stop()
    }

    /// Sets or clears (nil) the bearer token required from now on.
    public func setToken(_ token: String?) {
        mutate { $0.token = token }
    }

    /// Runs `body` on the state, then wakes the waiters whose condition now holds.
    @discardableResult
    func mutate<T: Sendable, E: Error>(_ body: (inout KernelAPIState) throws(E) -> T) throws(E) -> T {
        let (result, ready) = try state.withLock { (state) throws(E) -> (T, [CheckedContinuation<Void, any Error>]) in
            let result = try body(&state)
            let snapshot = state
            let ready = state.conditionWaiters.removeAll { condition in condition(snapshot) }
            return (result, ready)
        }
        for continuation in ready { continuation.resume() }
        return result
    }
}
