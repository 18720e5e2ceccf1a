import CCurl

/// curl_global_init is not thread-safe and must run once before any other libcurl
/// call; a global is initialised exactly once, lazily, under a lock.
private let curlGlobalInit: CURLcode = curl_global_init(KAI_CURL_GLOBAL_ALL)

/// ``HTTPTransport`` over libcurl: TLS with in-memory CA and client certificates,
/// HTTP/2 when the server offers it, connection reuse, streaming bodies with
/// back-pressure, and prompt cancellation.
///
/// One transport owns one libcurl multi handle driven by a dedicated thread; create
/// one per API server and share it. Proxies come from `HTTPS_PROXY` / `NO_PROXY` as
/// libcurl reads them, unless ``TransportOptions/proxyURL`` is set.
public final class CurlTransport: HTTPTransport {
    /// The options every request uses.
    public let options: TransportOptions
    let loop: CurlMultiLoop

    /// Creates a transport and starts its thread.
    /// - Throws: ``TransportError`` of kind ``TransportError/Kind/configuration`` when
    ///   libcurl cannot be initialised or the options are inconsistent.
    public init(options: TransportOptions = TransportOptions()) throws(TransportError) {
        guard curlGlobalInit == CURLE_OK else {
            throw TransportError(kind: .configuration, method: "", url: "", curlCode: Int32(bitPattern: curlGlobalInit.rawValue),
                                 summary: "curl_global_init failed", message: String(cString: curl_easy_strerror(curlGlobalInit)))
        }
        if (options.tls.clientCertificatePEM == nil) != (options.tls.clientKeyPEM == nil) {
            throw TransportError(kind: .configuration, method: "", url: "",
                                 summary: "tls.clientCertificatePEM and tls.clientKeyPEM must be given together")
        }
        for (field, pem) in [("tls.caPEM", options.tls.caPEM), ("tls.clientCertificatePEM", options.tls.clientCertificatePEM),
                             ("tls.clientKeyPEM", options.tls.clientKeyPEM)] {
            if let pem, !Self.containsPEMHeader(pem) {
                throw TransportError(kind: .configuration, method: "", url: "",
                                     summary: "\(field) is not PEM data (no \"-----BEGIN\" line)")
            }
        }
        self.options = options
        loop = try CurlMultiLoop(maxIdleConnections: options.maxIdleConnections)
    }

    deinit {
        loop.shutdownWhenIdle()
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let transfer = try CurlTransfer(request: request, mode: .buffered, options: options, loop: loop)
        loop.enqueue(.add(transfer))
        let outcome = try await transfer.awaitOutcome().get()
        return HTTPResponse(status: outcome.status, headers: outcome.headers, body: outcome.body, httpVersion: outcome.httpVersion)
    }

    public func stream(_ request: HTTPRequest) async throws(TransportError) -> HTTPStreamingResponse {
        let transfer = try CurlTransfer(request: request, mode: .streaming, options: options, loop: loop)
        // Created before waiting, so a cancelled or failed wait also aborts the transfer.
        let consumer = BodyConsumer(transfer: transfer)
        loop.enqueue(.add(transfer))
        let head = try await transfer.awaitOutcome().get()
        return HTTPStreamingResponse(
            status: head.status,
            headers: head.headers,
            httpVersion: head.httpVersion,
            body: HTTPBodyStream(consumer: consumer)
        )
    }

    private static func containsPEMHeader(_ bytes: [UInt8]) -> Bool {
        let marker = Array("-----BEGIN".utf8)
        guard bytes.count >= marker.count else { return false }
        return (0...(bytes.count - marker.count)).contains { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
    }
}
