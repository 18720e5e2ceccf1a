import Hummingbird
import KubeTransport
import Testing

/// Registers `/echo` for every method: it reflects method, selected headers and body.
func echoRoutes(_ router: Router<PeerContext>) {
    let echo: @Sendable (Request, PeerContext) async throws -> Response = { request, _ in
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers = HTTPFields()
        headers[.init("X-Echo-Method")!] = request.method.rawValue
        headers[.init("X-Echo-Test")!] = request.headers[.init("X-Test")!] ?? "-"
        headers[.init("X-Echo-Content-Type")!] = request.headers[.contentType] ?? "-"
        headers[.init("X-Echo-User-Agent")!] = request.headers[.userAgent] ?? "-"
        headers[.init("X-Echo-Query")!] = request.uri.query ?? "-"
        headers[.init("X-Echo-Empty")!] = request.headers[.init("X-Empty")!].map { "present:\($0)" } ?? "absent"
        headers[.init("X-Echo-Host")!] = request.head.authority ?? request.headers[.init("Host")!] ?? "-"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
    router.get("/echo", use: echo)
    router.post("/echo", use: echo)
    router.put("/echo", use: echo)
    router.patch("/echo", use: echo)
    router.delete("/echo", use: echo)
}

@Suite("CurlTransport over plain HTTP")
struct CurlTransportHTTPTests {
    @Test(arguments: ["GET", "POST", "PUT", "PATCH", "DELETE"])
    func methodsCarryHeadersAndBodies(method: String) async throws {
        try await withTestServer(routes: echoRoutes) { base in
            let transport = try CurlTransport(options: TransportOptions(userAgent: "kai-test/1"))
            let payload = Array(#"{"kind":"Pod","binary":"\#u{0}"}"#.utf8)
            let response = try await transport.send(KubeRequest(
                method: method,
                url: base + "/echo?watch=false&x=1",
                headers: ["X-Test": "value 1", "Content-Type": "application/json"],
                body: method == "GET" ? nil : payload
            ))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-method"] == method)
            #expect(response.headers["X-ECHO-TEST"] == "value 1")
            #expect(response.headers["x-echo-user-agent"] == "kai-test/1")
            #expect(response.headers["x-echo-query"] == "watch=false&x=1")
            #expect(response.httpVersion == "1.1")
            if method == "GET" {
                #expect(response.body.isEmpty)
            } else {
                #expect(response.body == payload)
                #expect(response.headers["x-echo-content-type"] == "application/json")
            }
        }
    }

    @Test func bodyWithoutContentTypeGetsNoFormContentType() async throws {
        try await withTestServer(routes: echoRoutes) { base in
            let transport = try CurlTransport()
            let response = try await transport.send(KubeRequest(method: "POST", url: base + "/echo", body: [1, 2, 3]))
            #expect(response.headers["x-echo-content-type"] == "-")
            #expect(response.body == [1, 2, 3])
        }
    }

    @Test func emptyHeaderValuesAreSentNotDropped() async throws {
        try await withTestServer(routes: echoRoutes) { base in
            let response = try await CurlTransport().send(KubeRequest(url: base + "/echo", headers: ["X-Empty": ""]))
            #expect(response.headers["x-echo-empty"] == "present:")
        }
    }

    @Test func contentLengthAndChunkedResponses() async throws {
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/fixed") { _, _ in
                Response(status: .created, body: .init(byteBuffer: ByteBuffer(string: "fixed body")))
            }
            router.get("/chunked") { _, _ in
                Response(status: .ok, body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "part one, "))
                    try await writer.write(ByteBuffer(string: "part two"))
                    try await writer.finish(nil)
                })
            }
        }
        try await withTestServer(routes: routes) { base in
            let transport = try CurlTransport()
            let fixed = try await transport.send(KubeRequest(url: base + "/fixed"))
            #expect(fixed.status == 201)
            #expect(fixed.headers["content-length"] == "10")
            #expect(fixed.bodyText == "fixed body")
            let chunked = try await transport.send(KubeRequest(url: base + "/chunked"))
            #expect(chunked.headers["transfer-encoding"] == "chunked")
            #expect(chunked.bodyText == "part one, part two")
        }
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        try await withTestServer(routes: echoRoutes) { base in
            let transport = try CurlTransport()
            let response = try await transport.send(KubeRequest(url: base + "/nowhere"))
            #expect(response.status == 404)
        }
    }

    @Test func connectionsAreReused() async throws {
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/peer") { _, context in "\(context.remotePort ?? -1)" }
        }
        try await withTestServer(routes: routes) { base in
            let transport = try CurlTransport()
            let first = try await transport.send(KubeRequest(url: base + "/peer")).bodyText
            let second = try await transport.send(KubeRequest(url: base + "/peer")).bodyText
            #expect(first != "-1")
            #expect(first == second)
        }
    }

    @Test func explicitProxyIsUsed() async throws {
        // The test server plays a forward proxy: the target host does not even resolve,
        // so a response proves the request went to the proxy.
        try await withTestServer(routes: echoRoutes) { base in
            let transport = try CurlTransport(options: TransportOptions(proxyURL: base))
            let response = try await transport.send(KubeRequest(url: "http://kai-target.invalid/echo?via=proxy"))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-query"] == "via=proxy")
        }
    }

    @Test func concurrentRequestsAllComplete() async throws {
        try await withTestServer(routes: echoRoutes) { base in
            let transport = try CurlTransport()
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await transport.send(KubeRequest(method: "POST", url: base + "/echo", body: Array("\(index)".utf8))).bodyText
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(bodies == Set((0..<20).map { "\($0)" }))
        }
    }
}

@Suite("CurlTransport errors")
struct CurlTransportErrorTests {
    @Test func connectionRefusedNamesTheURL() async throws {
        let transport = try CurlTransport()
        let url = "http://127.0.0.1:1/api/v1/pods"
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(KubeRequest(url: url))
        }
        #expect(error?.kind == .connect)
        #expect(error?.curlCode == 7)
        #expect(error?.description.hasPrefix("GET \(url): Couldn't connect to server") == true)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test func unresolvableHostIsADNSError() async throws {
        let transport = try CurlTransport()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(KubeRequest(url: "http://kai-no-such-host.invalid/api"))
        }
        #expect(error?.kind == .dns)
        #expect(error?.description.contains("kai-no-such-host.invalid") == true)
    }

    @Test func totalTimeoutIsReported() async throws {
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/slow") { _, _ -> String in
                try await Task.sleep(for: .seconds(60))
                return "late"
            }
        }
        try await withTestServer(routes: routes) { base in
            let transport = try CurlTransport()
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(KubeRequest(url: base + "/slow", timeout: .milliseconds(300)))
            }
            #expect(error?.kind == .timeout)
            #expect(error?.description.contains("/slow") == true)
        }
    }

    @Test func cancellingSendAbortsIt() async throws {
        let entered = Signal()
        let routes: (Router<PeerContext>) -> Void = { router in
            router.get("/hang") { _, _ -> String in
                entered.fire()
                try await Task.sleep(for: .seconds(60))
                return "late"
            }
        }
        try await withTestServer(routes: routes) { base in
            let transport = try CurlTransport()
            let task = Task { try await transport.send(KubeRequest(url: base + "/hang")) }
            await entered.wait()
            task.cancel()
            let result = try await withHangGuard("cancelled send") { await task.result }
            guard case .failure(let error as TransportError) = result else {
                Issue.record("expected a cancellation error, got \(result)")
                return
            }
            #expect(error.kind == .cancelled)
        }
    }

    @Test(arguments: [
        ("not a url", TransportError.Kind.invalidRequest),
        ("ftp://127.0.0.1/file", .invalidRequest),
    ])
    func malformedURLsAreRejected(url: String, kind: TransportError.Kind) async throws {
        let transport = try CurlTransport()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(KubeRequest(url: url))
        }
        #expect(error?.kind == kind)
        #expect(error?.description.contains(url) == true)
    }

    @Test func headerInjectionIsRejected() async throws {
        let transport = try CurlTransport()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(KubeRequest(url: "http://127.0.0.1:1/", headers: ["X-Bad": "a\r\nInjected: yes"]))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.summary.contains("X-Bad") == true)
        let badMethod = await #expect(throws: TransportError.self) {
            try await transport.send(KubeRequest(method: "GET /x", url: "http://127.0.0.1:1/"))
        }
        #expect(badMethod?.kind == .invalidRequest)
    }

    @Test func inconsistentTLSOptionsAreRejected() throws {
        let error = #expect(throws: TransportError.self) {
            try CurlTransport(options: TransportOptions(tls: TLSOptions(clientCertificatePEM: Array("-----BEGIN CERTIFICATE-----".utf8))))
        }
        #expect(error?.kind == .configuration)
        let notPEM = #expect(throws: TransportError.self) {
            try CurlTransport(options: TransportOptions(tls: TLSOptions(caPEM: [0x30, 0x82])))
        }
        #expect(notPEM?.summary.contains("tls.caPEM") == true)
    }
}
