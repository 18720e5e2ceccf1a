import Hummingbird
import KubeTransport
import SandboxTLS
import Testing

@Suite("CurlTransport over TLS")
struct CurlTransportTLSTests {
    let ca: CertificateAuthority
    let server: IssuedCertificate

    init() throws {
        ca = try CertificateAuthority.generate()
        server = try ca.issueServer()
    }

    func transport(_ tls: TLSOptions, http2: Bool = true) throws -> CurlTransport {
        try CurlTransport(options: TransportOptions(tls: tls, http2: http2))
    }

    @Test func verifiesServerAgainstConfiguredCA() async throws {
        try await withTestServer(.tls(try serverTLS(server)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(caPEM: Array(ca.certificatePEM.utf8)))
            let byIP = try await client.send(KubeRequest(url: base + "/echo"))
            #expect(byIP.status == 200)
            let byName = try await client.send(KubeRequest(url: base.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/echo"))
            #expect(byName.status == 200)
        }
    }

    @Test func unknownCAFailsVerification() async throws {
        let otherCA = try CertificateAuthority.generate(commonName: "someone-else")
        try await withTestServer(.tls(try serverTLS(server)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(caPEM: Array(otherCA.certificatePEM.utf8)))
            let error = await #expect(throws: TransportError.self) {
                try await client.send(KubeRequest(url: base + "/echo"))
            }
            #expect(error?.kind == .tls)
            #expect(error?.curlCode == 60)
            #expect(error?.message.contains("SSL certificate problem") == true)
            #expect(error?.description.contains(base + "/echo") == true)
        }
    }

    @Test func systemTrustStoreDoesNotTrustTheSandboxCA() async throws {
        try await withTestServer(.tls(try serverTLS(server)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions())
            let error = await #expect(throws: TransportError.self) {
                try await client.send(KubeRequest(url: base + "/echo"))
            }
            #expect(error?.kind == .tls)
        }
    }

    @Test func expiredServerCertificateIsRejected() async throws {
        let expired = try ca.issueServer(validity: .expired())
        try await withTestServer(.tls(try serverTLS(expired)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(caPEM: Array(ca.certificatePEM.utf8)))
            let error = await #expect(throws: TransportError.self) {
                try await client.send(KubeRequest(url: base + "/echo"))
            }
            #expect(error?.kind == .tls)
            #expect(error?.message.contains("expired") == true)
        }
    }

    @Test func insecureSkipVerifyAcceptsAnyServer() async throws {
        let expired = try ca.issueServer(hosts: ["elsewhere.test"], validity: .expired())
        try await withTestServer(.tls(try serverTLS(expired)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(insecureSkipVerify: true))
            let response = try await client.send(KubeRequest(url: base + "/echo"))
            #expect(response.status == 200)
        }
    }

    @Test func serverNameOverridesTheVerifiedName() async throws {
        let named = try ca.issueServer(hosts: ["api.kai.test"])
        try await withTestServer(.tls(try serverTLS(named)), routes: echoRoutes) { base in
            let ca = Array(self.ca.certificatePEM.utf8)
            let mismatch = await #expect(throws: TransportError.self) {
                try await transport(TLSOptions(caPEM: ca)).send(KubeRequest(url: base + "/echo"))
            }
            #expect(mismatch?.kind == .tls)
            let client = try transport(TLSOptions(caPEM: ca, serverName: "api.kai.test"))
            let response = try await client.send(KubeRequest(url: base + "/echo?q=1"))
            #expect(response.status == 200)
            #expect(response.headers["x-echo-query"] == "q=1")
            // The request still addresses the URL's host, as client-go does.
            #expect(response.headers["x-echo-host"] == base.replacingOccurrences(of: "https://", with: ""))
        }
    }

    @Test func clientCertificateIsPresentedFromMemory() async throws {
        let user = try ca.issueClient(user: "jane", groups: ["devs"])
        let tls = try serverTLS(server, clientCA: ca.certificatePEM)
        try await withTestServer(.tls(tls), routes: echoRoutes) { base in
            let caPEM = Array(ca.certificatePEM.utf8)
            let withCertificate = try transport(TLSOptions(
                caPEM: caPEM,
                clientCertificatePEM: Array(user.certificatePEM.utf8),
                clientKeyPEM: Array(user.privateKeyPEM.utf8)
            ))
            let response = try await withCertificate.send(KubeRequest(method: "POST", url: base + "/echo", body: Array("hi".utf8)))
            #expect(response.status == 200)
            #expect(response.bodyText == "hi")

            let without = await #expect(throws: TransportError.self) {
                try await transport(TLSOptions(caPEM: caPEM)).send(KubeRequest(url: base + "/echo"))
            }
            #expect(without?.kind == .tls)
        }
    }

    @Test func expiredClientCertificateIsRejectedByTheServer() async throws {
        let user = try ca.issueClient(user: "old", validity: .expired())
        let tls = try serverTLS(server, clientCA: ca.certificatePEM)
        try await withTestServer(.tls(tls), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(
                caPEM: Array(ca.certificatePEM.utf8),
                clientCertificatePEM: Array(user.certificatePEM.utf8),
                clientKeyPEM: Array(user.privateKeyPEM.utf8)
            ))
            let error = await #expect(throws: TransportError.self) {
                try await client.send(KubeRequest(url: base + "/echo"))
            }
            #expect(error?.kind == .tls)
        }
    }

    @Test func http2IsNegotiatedWhenOffered() async throws {
        try await withTestServer(.http2(try serverTLS(server)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(caPEM: Array(ca.certificatePEM.utf8)))
            let response = try await client.send(KubeRequest(method: "PUT", url: base + "/echo", headers: ["X-Test": "h2"], body: [7]))
            #expect(response.httpVersion == "2")
            #expect(response.headers["x-echo-test"] == "h2")
            #expect(response.body == [7])
            let results = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let response = try await client.send(KubeRequest(method: "POST", url: base + "/echo", body: Array("\(index)".utf8)))
                        return "\(response.httpVersion):\(response.bodyText)"
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(results == Set((0..<10).map { "2:\($0)" }))
        }
    }

    @Test func http2CanBeTurnedOff() async throws {
        try await withTestServer(.http2(try serverTLS(server)), routes: echoRoutes) { base in
            let client = try transport(TLSOptions(caPEM: Array(ca.certificatePEM.utf8)), http2: false)
            let response = try await client.send(KubeRequest(url: base + "/echo"))
            #expect(response.httpVersion == "1.1")
            #expect(response.status == 200)
        }
    }
}
