import Hummingbird
@testable import KubeTransport
import SandboxTLS
import Testing

/// `/two-chunks` sends "chunk-1", waits for `proceed`, then sends "chunk-2".
func twoChunkRoutes(proceed: Signal) -> (Router<PeerContext>) -> Void {
    { router in
        router.get("/two-chunks") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "chunk-1\n"))
                await proceed.wait()
                try await writer.write(ByteBuffer(string: "chunk-2\n"))
                try await writer.finish(nil)
            })
        }
    }
}

/// `/forever` sends a line every few milliseconds until the client goes away, then fires `gone`.
func foreverRoutes(gone: Signal) -> (Router<PeerContext>) -> Void {
    { router in
        router.get("/forever") { _, _ in
            Response(status: .ok, body: ResponseBody { writer in
                do {
                    while true {
                        try await writer.write(ByteBuffer(string: "tick\n"))
                        try await Task.sleep(for: .milliseconds(5))
                    }
                } catch {
                    gone.fire()
                    throw error
                }
            })
        }
    }
}

@Suite("CurlTransport streaming")
struct CurlTransportStreamingTests {
    func expectChunksOneByOne(_ client: CurlTransport, _ url: String, proceed: Signal, version: String) async throws {
        let response = try await client.stream(KubeRequest(url: url))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.httpVersion == version)
        var chunks = response.body.makeAsyncIterator()
        // The server is still holding chunk 2 back: this chunk cannot have been delayed
        // until the end of the body.
        #expect(try await chunks.next() == Array("chunk-1\n".utf8))
        proceed.fire()
        #expect(try await chunks.next() == Array("chunk-2\n".utf8))
        #expect(try await chunks.next() == nil)
        #expect(try await chunks.next() == nil)
    }

    @Test func chunksArriveAsTheyAreSent() async throws {
        let proceed = Signal()
        try await withTestServer(routes: twoChunkRoutes(proceed: proceed)) { base in
            try await expectChunksOneByOne(try CurlTransport(), base + "/two-chunks", proceed: proceed, version: "1.1")
        }
    }

    @Test func chunksArriveAsTheyAreSentOverHTTP2() async throws {
        let ca = try CertificateAuthority.generate()
        let proceed = Signal()
        try await withTestServer(.http2(try serverTLS(try ca.issueServer())), routes: twoChunkRoutes(proceed: proceed)) { base in
            let client = try CurlTransport(options: TransportOptions(tls: TLSOptions(caPEM: Array(ca.certificatePEM.utf8))))
            try await expectChunksOneByOne(client, base + "/two-chunks", proceed: proceed, version: "2")
        }
    }

    @Test func cancellingTheConsumingTaskAbortsTheTransfer() async throws {
        let gone = Signal()
        try await withTestServer(routes: foreverRoutes(gone: gone)) { base in
            let client = try CurlTransport()
            let received = Signal()
            let consumer = Task {
                let response = try await client.stream(KubeRequest(url: base + "/forever"))
                for try await _ in response.body { received.fire() }
            }
            await received.wait()
            consumer.cancel()
            let result = try await withHangGuard("cancelled watch") { await consumer.result }
            guard case .failure(let error as TransportError) = result else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
            #expect(try await withHangGuard("server noticing the disconnect") { await gone.wait() })
        }
    }

    @Test func droppingTheStreamAbortsTheTransfer() async throws {
        let gone = Signal()
        try await withTestServer(routes: foreverRoutes(gone: gone)) { base in
            let client = try CurlTransport()
            do {
                let response = try await client.stream(KubeRequest(url: base + "/forever"))
                var iterator = response.body.makeAsyncIterator()
                #expect(try await iterator.next() != nil)
            }
            #expect(try await withHangGuard("server noticing the disconnect") { await gone.wait() })
        }
    }

    @Test func streamOutlivesItsTransport() async throws {
        let proceed = Signal()
        try await withTestServer(routes: twoChunkRoutes(proceed: proceed)) { base in
            var client: CurlTransport? = try CurlTransport()
            let response = try await client?.stream(KubeRequest(url: base + "/two-chunks"))
            client = nil
            var chunks = try #require(response).body.makeAsyncIterator()
            #expect(try await chunks.next() == Array("chunk-1\n".utf8))
            proceed.fire()
            #expect(try await chunks.next() == Array("chunk-2\n".utf8))
            #expect(try await chunks.next() == nil)
        }
    }

    @Test(arguments: [false, true])
    func slowConsumerPausesTheTransferInsteadOfBuffering(http2: Bool) async throws {
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
        let pieces = 64
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/big") { _, _ in
                Response(status: .ok, body: ResponseBody { writer in
                    for _ in 0..<pieces { try await writer.write(ByteBuffer(bytes: piece)) }
                    try await writer.finish(nil)
                })
            }
        }
        let ca = try CertificateAuthority.generate()
        let kind: ServerKind = http2 ? .http2(try serverTLS(try ca.issueServer())) : .plain
        try await withTestServer(kind, routes: routes) { base in
            let limit = 64 * 1024
            let client = try CurlTransport(options: TransportOptions(
                tls: TLSOptions(caPEM: Array(ca.certificatePEM.utf8)),
                streamBufferLimit: limit
            ))
            let response = try await client.stream(KubeRequest(url: base + "/big"))
            #expect(response.httpVersion == (http2 ? "2" : "1.1"))
            let transfer = try #require(response.body.transfer)
            // Read nothing until the transfer has paused itself for lack of a consumer.
            try await withHangGuard("transfer pausing") {
                while transfer.flowStatistics.pauses == 0 { await Task.yield() }
            }
            var total = 0
            for try await chunk in response.body {
                #expect(chunk.allSatisfy { $0 == UInt8(ascii: "x") })
                total += chunk.count
            }
            #expect(total == piece.count * pieces)
            // Never more than the limit plus one libcurl write (CURL_MAX_WRITE_SIZE, 16 KiB).
            #expect(transfer.flowStatistics.peakBufferedBytes <= limit + 16 * 1024)
            #expect(transfer.flowStatistics.pauses >= 1)
        }
    }

    @Test func pausedHTTP2StreamDoesNotStallOtherRequests() async throws {
        let piece = [UInt8](repeating: UInt8(ascii: "y"), count: 16 * 1024)
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/big") { _, _ in
                Response(status: .ok, body: ResponseBody { writer in
                    for _ in 0..<256 { try await writer.write(ByteBuffer(bytes: piece)) }
                    try await writer.finish(nil)
                })
            }
            router.get("/peer") { _, context in "\(context.remotePort ?? -1)" }
        }
        let ca = try CertificateAuthority.generate()
        try await withTestServer(.http2(try serverTLS(try ca.issueServer())), routes: routes) { base in
            let client = try CurlTransport(options: TransportOptions(
                tls: TLSOptions(caPEM: Array(ca.certificatePEM.utf8)),
                streamBufferLimit: 16 * 1024
            ))
            let response = try await client.stream(KubeRequest(url: base + "/big"))
            let transfer = try #require(response.body.transfer)
            try await withHangGuard("transfer pausing") {
                while transfer.flowStatistics.pauses == 0 { await Task.yield() }
            }
            // The watch-like stream sits paused; ordinary requests must still go through.
            for _ in 0..<3 {
                let other = try await withHangGuard("request next to a paused stream") {
                    try await client.send(KubeRequest(url: base + "/peer"))
                }
                #expect(other.status == 200)
            }
            var total = 0
            for try await chunk in response.body { total += chunk.count }
            #expect(total == piece.count * 256)
        }
    }

    @Test func errorStatusStreamsItsBody() async throws {
        try await withTestServer(routes: { _ in }) { base in
            let response = try await CurlTransport().stream(KubeRequest(url: base + "/missing"))
            #expect(response.status == 404)
            var body: [UInt8] = []
            for try await chunk in response.body { body += chunk }
            #expect(body.isEmpty)
        }
    }

    @Test func streamToClosedPortFails() async throws {
        let error = await #expect(throws: TransportError.self) {
            try await CurlTransport().stream(KubeRequest(url: "http://127.0.0.1:1/watch"))
        }
        #expect(error?.kind == .connect)
    }

    @Test func streamsHaveNoDefaultTotalTimeoutButHonourAnExplicitOne() async throws {
        let proceed = Signal()
        try await withTestServer(routes: twoChunkRoutes(proceed: proceed)) { base in
            // defaultTimeout applies to send only: a quick one must not cut the stream.
            let client = try CurlTransport(options: TransportOptions(defaultTimeout: .milliseconds(1)))
            try await expectChunksOneByOne(client, base + "/two-chunks", proceed: proceed, version: "1.1")
            let response = try await client.stream(KubeRequest(url: base + "/two-chunks", timeout: .milliseconds(300)))
            var chunks = response.body.makeAsyncIterator()
            #expect(try await chunks.next() == Array("chunk-1\n".utf8))
            let error = await #expect(throws: TransportError.self) { try await chunks.next() }
            #expect(error?.kind == .timeout)
        }
    }

    @Test func testDoublesCanBuildBodies() async throws {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        continuation.yield([1])
        continuation.finish(throwing: TransportError(kind: .connectionLost, method: "GET", url: "u", summary: "reset"))
        var iterator = HTTPBodyStream(stream).makeAsyncIterator()
        #expect(try await iterator.next() == [1])
        let error = await #expect(throws: TransportError.self) { try await iterator.next() }
        #expect(error?.kind == .connectionLost)
        var fixed = HTTPBodyStream(bytes: [9, 9]).makeAsyncIterator()
        #expect(try await fixed.next() == [9, 9])
        #expect(try await fixed.next() == nil)
    }
}
