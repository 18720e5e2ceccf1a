import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import JSON
import Logging
import NIOCore
import NIOSSL
import X509

/// The request context: keeps the connection so the TLS client certificate can be read.
struct ServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Bridges Hummingbird to `RequestHandler` (HTTP/1.1, chunked streaming for watches).
struct HTTPFrontend: HTTPResponder {
    typealias Context = ServerRequestContext
    let handler: RequestHandler
    let tls: Bool

    func respond(to request: Request, context: ServerRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName.lowercased()
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        var apiRequest = APIRequest(
            method: request.method.rawValue, path: QueryItems.decode(request.uri.path.replacingOccurrences(of: "+", with: "%2B")),
            query: QueryItems(request.uri.query ?? ""), headers: headers, body: Array(buffer.readableBytesView))
        if tls { apiRequest.clientCertificate = await Self.clientIdentity(context) }
        let response = await handler.handle(apiRequest)

        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let status = HTTPResponse.Status(code: response.status)
        switch response.body {
        case .bytes(let bytes):
            return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .stream(let stream):
            let body = ResponseBody { writer in
                for await chunk in stream {
                    try await writer.write(ByteBuffer(bytes: chunk))
                }
                try await writer.finish(nil)
            }
            return Response(status: status, headers: fields, body: body)
        }
    }

    /// The user of a verified client certificate: CN is the name, each O a group.
    static func clientIdentity(_ context: ServerRequestContext) async -> UserInfo? {
        guard let certificate = try? await context.channel.nioSSL_peerCertificate().get(),
              let der = try? certificate.toDERBytes(),
              let parsed = try? Certificate(derEncoded: der) else { return nil }
        var name = ""
        var groups: [String] = []
        for rdn in parsed.subject {
            for attribute in rdn {
                if attribute.type == .RDNAttributeType.commonName { name = attribute.value.description }
                if attribute.type == .RDNAttributeType.organizationName { groups.append(attribute.value.description) }
            }
        }
        return name.isEmpty ? nil : UserInfo(name: name, groups: groups)
    }
}

/// Builds and runs the Hummingbird application for one listening period.
enum HTTPServerRunner {
    struct TLSMaterial: Sendable {
        var certificatePEM: String
        var privateKeyPEM: String
        var caPEM: String
        var requireClientCertificates: Bool
    }

    /// Starts listening; returns the bound port and the task that runs the server.
    static func start(host: String, port: Int, tls: TLSMaterial?, handler: RequestHandler, logger: Logger)
        async throws -> (port: Int, task: Task<Void, any Error>)
    {
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let frontend = HTTPFrontend(handler: handler, tls: tls != nil)
        let server: HTTPServerBuilder
        if let tls {
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(tls.certificatePEM.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(tls.privateKeyPEM.utf8), format: .pem)))
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(tls.caPEM.utf8)))
            configuration.certificateVerification = tls.requireClientCertificates ? .noHostnameVerification : .optionalVerification
            server = try .tls(.http1(), tlsConfiguration: configuration)
        } else {
            server = .http1()
        }
        // Hummingbird logs routine shutdown cancellation as errors; keep its log to real failures.
        var quietLogger = logger
        quietLogger.logLevel = max(logger.logLevel, .critical)
        let app = Application(
            responder: frontend, server: server,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: quietLogger)
        let task = Task {
            defer { portContinuation.finish() }
            try await app.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            let result = await task.result
            if case .failure(let error) = result { throw error }
            throw KubeTestServerError("the HTTP server stopped before it was listening")
        }
        return (bound, task)
    }
}
