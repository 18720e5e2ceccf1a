import Foundation
import Hummingbird
import JSON
import KubeTransport
import Testing
@testable import KaiStandIns

#if canImport(Glibc)
import Glibc
#endif

@Suite("Stand-in internals")
struct StandInInternalsTests {
    @Test("the kernel API keeps only the newest 1000 requests")
    func requestLogLimit() {
        var state = KernelAPIState(token: nil, defaults: KernelDefaults())
        for index in 0..<1005 {
            _ = state.arrive(.info, RecordedRequest(method: "GET", path: "/\(index)", query: nil, headers: [:], body: []))
        }
        #expect(state.requests.count == KernelAPIState.requestLogLimit)
        #expect(state.requests.first?.path == "/5")
        #expect(state.requests.last?.path == "/1004")
        #expect(state.calls[.info] == 1005)
    }

    @Test("the Prometheus stand-in keeps only the newest 1000 queries, and counts them all")
    func queryLogLimit() {
        var state = PrometheusState()
        let request = RecordedRequest(method: "GET", path: "/api/v1/query", query: nil, headers: [:], body: [])
        for index in 0..<1003 { state.record(request, query: "q\(index % 2)") }
        state.record(request, query: nil)
        #expect(state.queries.count == PrometheusState.queryLogLimit)
        #expect(state.queries.first == "q1")
        #expect(state.queryCounts["q0"] == 502)
        #expect(state.calls == 1004)
    }

    @Test("a recorded request lowercases header names and joins repeated fields")
    func recordedHeaders() {
        let fields: HTTPFields = [.accept: "one", .accept: "two", .authorization: "Bearer t"]
        let head = HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/p?a=1", headerFields: fields)
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "{}")))
        let recorded = RecordedRequest(request, body: ByteBuffer(string: "{}"))
        #expect(recorded.headers["accept"] == "one, two")
        #expect(recorded.header("Authorization") == "Bearer t")
        #expect(recorded.path == "/p")
        #expect(recorded.query == "a=1")
        #expect(recorded.bodyText == "{}")
    }

    @Test("operations name their method and path")
    func operations() {
        #expect(KernelOperation.allCases.map(\.description) == [
            "POST /api/kernel/create", "GET /api/kernel/info", "DELETE /api/kernel/release",
        ])
    }

    @Test("a body over 1 MiB is refused with 413")
    func bodyLimit() async throws {
        try await withKernelAPI { api async throws in
            let big = #"{"contextId":""# + String(repeating: "x", count: KernelAPIStandIn.maxBodyBytes) + #""}"#
            let answer = try await TestHTTP.post(api.url + "/api/kernel/create", json: big)
            #expect(answer.status == 413)
            #expect(api.kernels.isEmpty)
        }
    }

    @Test("stop drops webhooks not yet sent")
    func stopDropsWebhooks() async throws {
        let clock = ManualClock()
        let api = KernelAPIStandIn(clock: clock, logger: quietLogger)
        try await api.start()
        api.setWebhook(url: "http://127.0.0.1:1/hook", delay: .seconds(5))
        #expect(try await api.create("w").status == 201)
        await clock.waitForSleepers(1)
        #expect(api.pendingWebhookCount == 1)
        await api.stop()
        #expect(api.pendingWebhookCount == 0)
        clock.advance(by: .seconds(5))
        #expect(api.webhookDeliveries.isEmpty)
    }

    @Test("an IPv6 host is bracketed in the URL", .enabled(if: loopbackIPv6Available()))
    func ipv6() async throws {
        let prometheus = PrometheusStandIn(logger: quietLogger)
        try await prometheus.start(host: "::1")
        let port = try #require(prometheus.port)
        #expect(prometheus.url == "http://[::1]:\(port)")
        // The URL as printed works as is (libcurl takes bracketed hosts; URLSession on Linux does
        // not, and "localhost" can reach another test's server on 127.0.0.1 with the same port).
        let transport = try CurlTransport()
        #expect(try await transport.send(KubeTransport.HTTPRequest(url: prometheus.url + "/api/v1/query?query=up")).status == 200)
        await prometheus.stop()
    }
}

/// Whether `::1` can be bound here (IPv6 can be off in containers).
private func loopbackIPv6Available() -> Bool {
    #if canImport(Glibc)
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    }
    return result == 0
    #else
    return true
    #endif
}
