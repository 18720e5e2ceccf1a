import Foundation
import Logging
import Hummingbird
import HummingbirdTLS
import NIOCore
import NIOSSL
import SandboxTLS
import Synchronization

/// A local HTTP(S) server whose answers the test scripts: canned responses
/// (from the transcripts), streams written chunk by chunk, or nothing at all.
/// It lets client tests produce every shape a real API server sends, which
/// the test API server would never do on purpose (cut lines, invalid JSON).
final class ScriptedServer: Sendable {
    struct Recorded: Sendable {
        var method: String
        var path: String
        var query: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        var queryItems: [String: String] {
            var out: [String: String] = [:]
            for pair in query.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                out[kv[0]] = kv.count > 1 ? kv[1] : ""
            }
            return out
        }
    }

    enum Reply: Sendable {
        case body(status: Int, headers: [(String, String)], body: [UInt8])
        /// Chunks written as the stream yields them; the response ends when it finishes.
        case stream(status: Int, headers: [(String, String)], chunks: AsyncStream<[UInt8]>)

        static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Reply {
            .body(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
        }
    }

    typealias Handler = @Sendable (Recorded) async -> Reply

    struct TLS: Sendable {
        var ca: CertificateAuthority
        var server: IssuedCertificate
        var requireClientCertificate: Bool
    }

    private let handler: Handler
    private let tls: TLS?
    private let state = Mutex<(port: Int, task: Task<Void, any Error>?, requests: [Recorded], disconnects: Int)>((0, nil, [], 0))

    init(tls: TLS? = nil, handler: @escaping Handler) {
        self.tls = tls
        self.handler = handler
    }

    var requests: [Recorded] { state.withLock { $0.requests } }
    var url: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(state.withLock { $0.port })" }
    /// Streams whose client went away before the stream finished.
    var disconnects: Int { state.withLock { $0.disconnects } }

    func start() async throws {
        let handler = self.handler
        let responder = Responder { request, _ in
            let body = try await request.body.collect(upTo: 16 << 20)
            let recorded = Recorded(method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                                    headers: request.headers.map { ($0.name.canonicalName, $0.value) },
                                    body: Array(buffer: body))
            self.state.withLock { $0.requests.append(recorded) }
            switch await handler(recorded) {
            case .body(let status, let headers, let bytes):
                var fields = HTTPFields()
                for (n, v) in headers { if let name = HTTPFields.Element.Name(n) { fields.append(HTTPFields.Element(name: name, value: v)) } }
                return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case .stream(let status, let headers, let chunks):
                var fields = HTTPFields()
                for (n, v) in headers { if let name = HTTPFields.Element.Name(n) { fields.append(HTTPFields.Element(name: name, value: v)) } }
                return Response(status: .init(code: status), headers: fields, body: .init { writer in
                    do {
                        for await chunk in chunks { try await writer.write(ByteBuffer(bytes: chunk)) }
                        try await writer.finish(nil)
                    } catch {
                        self.state.withLock { $0.disconnects += 1 }
                        throw error
                    }
                })
            }
        }
        let (ready, readyContinuation) = AsyncStream<Int>.makeStream()
        let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        let running: @Sendable (any Channel) async -> Void = { channel in
            readyContinuation.yield(channel.localAddress?.port ?? 0)
            readyContinuation.finish()
        }
        let app: Application<Responder>
        if let tls {
            var config = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(tls.server.certificatePEM.utf8), format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(tls.server.privateKeyPEM.utf8), format: .pem)))
            if tls.requireClientCertificate {
                config.certificateVerification = .noHostnameVerification
                config.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(tls.ca.certificatePEM.utf8), format: .pem)])
            }
            app = Application(responder: responder, server: try .tls(tlsConfiguration: config),
                              configuration: configuration, onServerRunning: running, logger: Self.quiet)
        } else {
            app = Application(responder: responder, configuration: configuration, onServerRunning: running, logger: Self.quiet)
        }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await p in ready { port = p }
        state.withLock { $0.port = port; $0.task = task }
    }

    func stop() async {
        let task = state.withLock { $0.task }
        task?.cancel()
        _ = try? await task?.value
    }

    /// Cancelling the server task logs a shutdown error that says nothing about the test.
    static let quiet: Logger = {
        var logger = Logger(label: "scripted-server")
        logger.logLevel = .critical
        return logger
    }()

    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let handle: @Sendable (Request, Context) async throws -> Response
        init(_ handle: @escaping @Sendable (Request, Context) async throws -> Response) { self.handle = handle }
        func respond(to request: Request, context: Context) async throws -> Response { try await handle(request, context) }
    }
}

/// Starts a server for the duration of `body`.
func withScriptedServer<T>(tls: ScriptedServer.TLS? = nil, _ handler: @escaping ScriptedServer.Handler,
                           _ body: (ScriptedServer) async throws -> T) async throws -> T {
    let server = ScriptedServer(tls: tls, handler: handler)
    try await server.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A clock whose sleeps return at once while recording what was asked, so
/// retry waits are checked without waiting.
final class RecordingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    struct Instant: InstantProtocol, Sendable {
        var offset: Swift.Duration
        func advanced(by d: Swift.Duration) -> Instant { Instant(offset: offset + d) }
        func duration(to other: Instant) -> Swift.Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }
    private let state = Mutex<(now: Swift.Duration, sleeps: [Swift.Duration])>((.zero, []))
    var now: Instant { Instant(offset: state.withLock { $0.now }) }
    var minimumResolution: Swift.Duration { .nanoseconds(1) }
    var sleeps: [Swift.Duration] { state.withLock { $0.sleeps } }
    func sleep(until deadline: Instant, tolerance: Swift.Duration?) async throws {
        try Task.checkCancellation()
        state.withLock { s in
            s.sleeps.append(deadline.offset - s.now)
            s.now = max(s.now, deadline.offset)
        }
    }
}
