import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import HummingbirdTLS
import KubeTransport
import Logging
import SandboxTLS

typealias KubeRequest = KubeTransport.HTTPRequest

/// A request context that remembers the client's port, so tests can tell whether two
/// requests shared a connection.
struct PeerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
    }
}

enum ServerKind {
    case plain
    case tls(TLSConfiguration)
    case http2(TLSConfiguration)
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
}

/// Runs a Hummingbird server on 127.0.0.1 with an ephemeral port for the duration of `body`.
func withTestServer<T: Sendable>(
    _ kind: ServerKind = .plain,
    routes: (Router<PeerContext>) -> Void,
    _ body: (_ baseURL: String) async throws -> T
) async throws -> T {
    let router = Router(context: PeerContext.self)
    routes(router)
    let server: HTTPServerBuilder
    let scheme: String
    switch kind {
    case .plain:
        server = .http1()
        scheme = "http"
    case .tls(let configuration):
        server = try .tls(.http1(), tlsConfiguration: configuration)
        scheme = "https"
    case .http2(let configuration):
        server = try .http2Upgrade(tlsConfiguration: configuration)
        scheme = "https"
    }
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    let app = Application(
        router: router,
        server: server,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: quietLogger
    )
    let task = Task {
        defer { portContinuation.finish() }
        try await app.run()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port != 0 else {
        task.cancel()
        let outcome = await task.result
        throw TestServerError(description: "test server did not start: \(outcome)")
    }
    do {
        let result = try await body("\(scheme)://127.0.0.1:\(port)")
        task.cancel()
        _ = await task.result
        return result
    } catch {
        task.cancel()
        _ = await task.result
        throw error
    }
}

/// Hummingbird logs connections cut by the test's shutdown as errors; only real trouble matters here.
private let quietLogger: Logger = {
    var logger = Logger(label: "kai-transport-test-server")
    logger.logLevel = .critical
    return logger
}()

/// A server TLS configuration from SandboxTLS material; with `clientCA`, client
/// certificates signed by it are required.
func serverTLS(_ issued: IssuedCertificate, clientCA: String? = nil) throws -> TLSConfiguration {
    var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem))],
        privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem))
    )
    if let clientCA {
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(clientCA.utf8), format: .pem)])
    }
    return configuration
}

/// A one-shot signal between the test and a route handler, without sleeping.
final class Signal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func fire() {
        continuation.yield()
    }

    /// Waits until fired (returns at once if it was fired earlier); false if cancelled.
    @discardableResult
    func wait() async -> Bool {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next() != nil
    }
}

/// Runs `operation`, failing instead of hanging forever if it never finishes (a guard
/// against deadlocks, not a timing assertion: the bound is far above any expected time).
func withHangGuard<T: Sendable>(
    _ what: String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(20))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestServerError(description: "\(what) did not finish")
        }
        return value
    }
}
