import Foundation
import JSON
import KubeAPITranscripts
import Testing
@testable import KubeClient

/// Errors decode into typed cases; retries follow the rules (429 always, 5xx for reads only).
@Suite struct ClientErrorTests {
    /// Every error answer recorded from the real API server, replayed: the
    /// client must turn each into the right typed error.
    @Test func everyTranscriptErrorDecodes() async throws {
        let exchanges = try Transcript.loadAll().flatMap { c in c.exchanges.map { (c, $0) } }
            .filter { ($0.1.response?.status ?? 0) >= 400 && $0.1.response?.abbreviated == false }
        #expect(exchanges.count > 30)
        for (c, exchange) in exchanges {
            let response = try #require(exchange.response)
            let body = response.body.map { text -> [UInt8] in
                // Bodies are pretty-printed in the transcript; the wire had compact JSON.
                if let v = try? JSONValue(parsing: text) { return v.serializedBytes() }
                return Array(text.utf8)
            } ?? []
            let error = KubeClient.apiError(.init(status: response.status, headers: .init(response.headers), body: body, httpVersion: "1.1"),
                                            method: exchange.request.method, url: exchange.request.target)
            #expect(error.code == response.status, "\(c.file) #\(c.number)")
            let table: [String: APIError.Reason] = [
                "NotFound": .notFound, "AlreadyExists": .alreadyExists, "Conflict": .conflict, "Invalid": .invalid,
                "Forbidden": .forbidden, "Unauthorized": .unauthorized, "Expired": .gone, "Gone": .gone,
                "TooManyRequests": .tooManyRequests, "BadRequest": .badRequest, "MethodNotAllowed": .methodNotAllowed,
                "NotAcceptable": .notAcceptable, "UnsupportedMediaType": .unsupportedMediaType, "Timeout": .timeout,
                "ServerTimeout": .serverTimeout, "InternalError": .internalError, "RequestEntityTooLarge": .requestEntityTooLarge,
            ]
            if let reason = error.status?.reason, !reason.isEmpty {
                #expect(table[reason] == error.reason, "\(c.file) #\(c.number): unknown or unmapped reason \(reason)")
            } else {
                #expect(error.reason == APIError.reason(code: response.status, statusReason: nil), "\(c.file) #\(c.number)")
            }
            if let status = error.status {
                #expect(error.message == status.message || status.message == nil, "\(c.file) #\(c.number)")
            } else {
                #expect(!error.message.isEmpty, "\(c.file) #\(c.number)")
            }
            if response.status == 422, let causes = error.status?.details?.causes {
                #expect(!causes.isEmpty)
            }
            if let retryAfter = response.header("Retry-After") {
                #expect(error.retryAfterSeconds == Int(retryAfter), "\(c.file) #\(c.number)")
            }
        }
    }

    @Test func typedCasesAndCauses() async throws {
        let invalid = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Widget.demo.example.com \"bad\" is invalid: spec.size: Invalid value: 0: must be >= 1","reason":"Invalid","details":{"name":"bad","group":"demo.example.com","kind":"Widget","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 0","field":"spec.size"}]},"code":422}"#
        let replies: [String: ScriptedServer.Reply] = [
            "/nf": .json(404, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.demo.example.com \"x\" not found","reason":"NotFound","details":{"name":"x","group":"demo.example.com","kind":"widgets"},"code":404}"#),
            "/ae": .json(409, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"already exists","reason":"AlreadyExists","code":409}"#),
            "/cf": .json(409, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the object has been modified","reason":"Conflict","code":409}"#),
            "/iv": .json(422, invalid),
            "/fb": .json(403, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden","reason":"Forbidden","code":403}"#),
            "/ua": .json(401, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#),
            "/gn": .json(410, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2046)","reason":"Expired","code":410}"#),
            "/st": .json(504, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"timeout","reason":"Timeout","code":504}"#),
            "/ie": .json(500, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"boom","reason":"InternalError","code":500}"#),
            "/txt": .body(status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("404 page not found\n".utf8)),
        ]
        let expected: [String: APIError.Reason] = ["/nf": .notFound, "/ae": .alreadyExists, "/cf": .conflict, "/iv": .invalid,
                                                   "/fb": .forbidden, "/ua": .unauthorized, "/gn": .gone, "/st": .timeout,
                                                   "/ie": .internalError, "/txt": .notFound]
        try await withScriptedServer({ r in replies[r.path] ?? .json(200, "{}") }) { server in
            let kube = try client(server, clock: RecordingClock())
            for (path, reason) in expected {
                if let error = await expectKubeError({
                    _ = try await kube.send(KubeRequest(method: "POST", path: path, body: Array("{}".utf8), contentType: "application/json"))
                }) {
                    #expect(error.apiError?.reason == reason, "\(path): \(error)")
                    #expect(error.description.contains(server.url + path))
                    if path == "/iv" { #expect(error.apiError?.causes.first?.field == "spec.size") }
                    if path == "/txt" { #expect(error.apiError?.message == "404 page not found") }
                }
            }
            #expect(server.requests.count == expected.count) // writes are never retried on 5xx
        }
    }

    @Test func tooManyRequestsIsRetriedForWritesHonouringRetryAfter() async throws {
        let calls = Counter()
        try await withScriptedServer({ r in
            calls.increment() <= 2
                ? .json(429, #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"storage is (re)initializing","reason":"TooManyRequests","details":{"retryAfterSeconds":1},"code":429}"#, headers: [("Retry-After", "3")])
                : .json(201, widgetJSON)
        }) { server in
            let clock = RecordingClock()
            let kube = try client(server, clock: clock)
            let created = try await kube.create(Widget(metadata: ObjectMeta(name: "w1")))
            #expect(created.metadata.name == "w1")
            #expect(server.requests.count == 3)
            #expect(clock.sleeps == [.seconds(3), .seconds(3)])
        }
    }

    @Test func serverErrorsRetryReadsWithBackoffButNotWrites() async throws {
        let calls = Counter()
        try await withScriptedServer({ r in
            if r.method == "POST" { return .json(503, #"{"kind":"Status","status":"Failure","message":"unavailable","reason":"ServiceUnavailable","code":503}"#) }
            return calls.increment() <= 3 ? .json(500, #"{"kind":"Status","status":"Failure","message":"boom","code":500}"#) : .json(200, widgetJSON)
        }) { server in
            let clock = RecordingClock()
            let kube = try client(server, clock: clock)
            _ = try await kube.get(Widget.self, name: "w1")
            #expect(clock.sleeps == [.milliseconds(200), .milliseconds(400), .milliseconds(800)])
            await #expect(throws: KubeError.self) { _ = try await kube.create(Widget(metadata: ObjectMeta(name: "w1"))) }
            #expect(server.requests.filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func readRetriesGiveUpAfterTheLimit() async throws {
        try await withScriptedServer({ _ in .json(503, #"{"kind":"Status","status":"Failure","message":"down","reason":"ServiceUnavailable","code":503}"#) }) { server in
            let kube = try client(server)
            if let error = await expectKubeError({ _ = try await kube.get(Widget.self, name: "w1") }) {
                #expect(error.apiError?.reason == .serviceUnavailable)
            }
            #expect(server.requests.count == RetryPolicy().maxServerErrorRetries + 1)
        }
    }

    @Test func invalidJSONNamesTheURL() async throws {
        try await withScriptedServer({ _ in .json(200, #"{"apiVersion": "demo.example.com/v1", "kind": "Widget", "metadata": {"name": 3}}"#) }) { server in
            let kube = try client(server)
            if let error = await expectKubeError({ _ = try await kube.get(Widget.self, name: "w1") }) {
                guard case .decoding(let url, let path, _) = error else { Issue.record("\(error)"); return }
                #expect(url.hasSuffix("/widgets/w1"))
                #expect(path == "metadata.name")
            }
        }
        try await withScriptedServer({ _ in .json(200, "{not json") }) { server in
            let kube = try client(server)
            if let error = await expectKubeError({ _ = try await kube.get(.namespaces, name: "x") }) {
                #expect(error.description.contains("/api/v1/namespaces/x"))
                #expect(error.description.contains("invalid JSON"))
            }
        }
    }

    @Test func unreachableServerNamesURLAndReason() async throws {
        let config = ClientConfiguration(server: "http://127.0.0.1:1", namespace: "kt")
        var retry = RetryPolicy()
        retry.maxServerErrorRetries = 0
        let kube = try KubeClient(configuration: config, clock: RecordingClock(), retry: retry)
        if let error = await expectKubeError({ _ = try await kube.get(.namespaces, name: "x") }) {
            guard case .transport = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("http://127.0.0.1:1/api/v1/namespaces/x"))
            #expect(error.description.lowercased().contains("connect"))
        }
    }
}

/// A thread-safe counter for scripted handlers.
final class Counter: Sendable {
    private let value = Mutex(0)
    /// Increments and returns the new value.
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    var current: Int { value.withLock { $0 } }
}

import Synchronization
