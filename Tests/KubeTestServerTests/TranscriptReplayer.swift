import Foundation
import JSON
import KubeAPITranscripts
@testable import KubeTestServer

/// Replays one transcript file, case by case, against a fresh test server and
/// reports how each response differs from the recorded one.
final class TranscriptReplayer {
    struct Outcome {
        var key: String
        var title: String
        var differences: [String]
    }

    let server: KubeTestServer
    let port: Int
    /// Recorded value -> the test server's value (resourceVersions, uids, continue tokens).
    var substitutions: [String: String] = [:]
    /// The ServiceAccount token a TokenRequest returned (stands in for `<sa-token>`).
    var serviceAccountToken: String?
    /// The last `Etag` the server sent (stands in for a recorded `If-None-Match`).
    var lastEtag: String?
    let allCases: [Transcript.Case]
    /// The server's wall clock, for steps whose recorded actions were seconds apart.
    var wallClock: ReplayWallClock?

    init(server: KubeTestServer, allCases: [Transcript.Case]) {
        self.server = server
        self.port = server.port
        self.allCases = allCases
    }

    /// A client acting as the transcripts' `demo-client/1.0` with the admin token.
    var admin: TestHTTPClient {
        var client = TestHTTPClient(port: port, token: server.adminToken)
        client.userAgent = "demo-client/1.0"
        return client
    }

    // MARK: - Setup helpers (state the transcripts describe in prose)

    /// Sends a request as the admin and fails unless it succeeds.
    @discardableResult
    func must(_ method: String, _ path: String, _ body: String? = nil, contentType: String = "application/json") async throws -> JSONValue {
        let response = try await admin.send(method, path, headers: body == nil ? [] : [("Content-Type", contentType)],
                                            body: Array((body ?? "").utf8))
        guard (200..<300).contains(response.status) else {
            throw TestHTTPClient.ClientError(description: "setup \(method) \(path) answered \(response.status): \(response.text)")
        }
        return response.json
    }

    func namespace(_ name: String) async throws {
        try await must("POST", "/api/v1/namespaces", #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(name)"}}"#)
    }

    /// Installs the Widget CRD exactly as 02-crud.md#1 posted it.
    func widgetCRD() async throws {
        guard let body = allCases.first(where: { $0.file.hasPrefix("02") && $0.number == 1 })?.exchanges.first?.request.body else {
            throw TestHTTPClient.ClientError(description: "02-crud.md#1 (the CRD) is missing from the transcripts")
        }
        try await must("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body)
    }

    @discardableResult
    func widget(_ namespace: String, _ name: String, spec: String = #"{"size":3,"color":"red"}"#, metadata: String = "") async throws -> JSONValue {
        let extra = metadata.isEmpty ? "" : "," + metadata
        return try await must("POST", "/apis/demo.example.com/v1/namespaces/\(namespace)/widgets",
                              #"{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"\#(name)"\#(extra)},"spec":\#(spec)}"#)
    }

    @discardableResult
    func configMap(_ namespace: String, _ name: String, metadata: String = "", data: String? = nil) async throws -> JSONValue {
        let extra = metadata.isEmpty ? "" : "," + metadata
        let dataField = data.map { #","data":"# + $0 } ?? ""
        return try await must("POST", "/api/v1/namespaces/\(namespace)/configmaps",
                              #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"\#(extra)}\#(dataField)}"#)
    }

    /// A widget and a ConfigMap owned by it; the recorded owner uid maps to the served one.
    func ownedPair(_ namespace: String, owner: String, child: String, recordedOwnerUID: String, childExtra: String = "") async throws {
        let created = try await widget(namespace, owner)
        let uid = created[path: "metadata", "uid"]?.stringValue ?? ""
        substitutions[recordedOwnerUID] = uid
        let ref = #""ownerReferences":[{"apiVersion":"demo.example.com/v1","kind":"Widget","name":"\#(owner)","uid":"\#(uid)","controller":true,"blockOwnerDeletion":true}]"#
        try await configMap(namespace, child, metadata: ref + childExtra, data: #"{"k":"v"}"#)
    }

    // MARK: - Replay

    func replay(_ testCase: Transcript.Case, before: ((TranscriptReplayer) async throws -> Void)?,
                during: ((TranscriptReplayer) async throws -> Void)?) async throws -> Outcome {
        let key = "\(testCase.file.prefix(2))#\(testCase.number)"
        var differences: [String] = []
        try await before?(self)
        for (index, exchange) in testCase.exchanges.enumerated() {
            guard let recorded = exchange.response else { continue }
            let label = testCase.exchanges.count > 1 ? "exchange \(index + 1): " : ""
            let request = rewrite(exchange.request)
            if isWatch(exchange.request), recorded.status == 200 {
                differences += try await replayWatch(request, recorded: recorded, during: during).map { label + $0 }
                continue
            }
            let response = try await send(request)
            differences += compare(recorded, response).map { label + $0 }
        }
        return Outcome(key: key, title: testCase.title, differences: differences)
    }

    func isWatch(_ request: Transcript.Request) -> Bool {
        let items = (request.query ?? "").split(separator: "&")
        return items.contains("watch=1") || items.contains("watch=true")
    }

    /// Rewrites recorded values (RVs, uids, continue tokens, Etags) to the test server's.
    func rewrite(_ request: Transcript.Request) -> Transcript.Request {
        var r = request
        if let query = request.query {
            let items = query.split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
                let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2, let replacement = substitutions[kv[1]] else { return String(item) }
                let escaped = replacement.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? replacement
                return kv[0] + "=" + escaped
            }
            r.target = request.path + "?" + items.joined(separator: "&")
        }
        if var body = r.body {
            for (recorded, actual) in substitutions { body = body.replacingOccurrences(of: "\"\(recorded)\"", with: "\"\(actual)\"") }
            r.body = body
        }
        return r
    }

    func send(_ request: Transcript.Request) async throws -> TestHTTPClient.Response {
        var client = TestHTTPClient(port: port, token: nil)
        var headers: [(String, String)] = []
        for (name, value) in request.headers {
            switch name.lowercased() {
            case "authorization":
                client.token = token(for: value)
            case "user-agent":
                client.userAgent = value
            case "host", "content-length", "accept-encoding":
                // Compression is not offered by the test server (see knownDifferences); the rest is per connection.
                continue
            case "if-none-match":
                headers.append((name, lastEtag ?? value))
            default:
                headers.append((name, value))
            }
        }
        let response = try await client.send(request.method, request.target, headers: headers, body: Array((request.body ?? "").utf8))
        if let etag = response.header("Etag") { lastEtag = etag }
        return response
    }

    /// `Bearer <token>` is the admin, `<sa-token>` the ServiceAccount token issued earlier; anything else is sent as is.
    func token(for authorization: String) -> String? {
        let value = authorization.hasPrefix("Bearer ") ? String(authorization.dropFirst(7)) : authorization
        switch value {
        case "<token>": return server.adminToken
        case "<sa-token>": return serviceAccountToken ?? value
        default: return value
        }
    }

    /// Status, the headers clients act on, and the body shape.
    func compare(_ recorded: Transcript.Response, _ response: TestHTTPClient.Response) -> [String] {
        var out: [String] = []
        if recorded.status != response.status { out.append("status \(response.status), recorded \(recorded.status)") }
        for name in ["Content-Type", "Warning", "Retry-After"] {
            let want = recorded.header(name)?.lowercased().replacingOccurrences(of: " ", with: "")
            let got = response.header(name)?.lowercased().replacingOccurrences(of: " ", with: "")
            if want != got { out.append("header \(name): \(got ?? "absent"), recorded \(want ?? "absent")") }
        }
        guard let body = recorded.body else { return out }
        if let recordedJSON = try? JSONValue(parsing: body), recorded.bodyLanguage != "yaml", recorded.bodyLanguage != "text" {
            guard let actualJSON = try? JSONValue(parsing: response.body) else {
                return out + ["body is not JSON: \(response.text.prefix(200))"]
            }
            TranscriptReplayShape.collectSubstitutions(recorded: recordedJSON, actual: actualJSON, into: &substitutions)
            if recordedJSON[path: "status", "token"] != nil, let token = actualJSON[path: "status", "token"]?.stringValue {
                serviceAccountToken = token
            }
            out += TranscriptReplayShape.differences(recorded: recordedJSON, actual: actualJSON, abbreviated: recorded.abbreviated)
        } else {
            let want = TranscriptReplayShape.normalise(body)
            let got = TranscriptReplayShape.normalise(response.text)
            if want != got { out.append("text body differs:\n--- served\n\(got.prefix(600))\n--- recorded\n\(want.prefix(600))") }
        }
        return out
    }

    // MARK: - Watches

    /// Events a client can drive: everything except the periodic BOOKMARKs (they come on the
    /// server's timer; the initial-events-end bookmark is kept).
    static func drivenEvents(_ events: [JSONValue]) -> [JSONValue] {
        events.filter { event in
            event["type"]?.stringValue != "BOOKMARK"
                || event[path: "object", "metadata", "annotations", "k8s.io/initial-events-end"] != nil
        }
    }

    func replayWatch(_ request: Transcript.Request, recorded: Transcript.Response,
                     during: ((TranscriptReplayer) async throws -> Void)?) async throws -> [String] {
        let recordedEvents = (recorded.body ?? "").split(separator: "\n").compactMap { line -> JSONValue? in
            // 05#10 renders the raw framing with literal `\n` markers after each event.
            var text = String(line)
            if text.hasSuffix("\\n") { text.removeLast(2) }
            return try? JSONValue(parsing: text)
        }
        let expected = Self.drivenEvents(recordedEvents)
        var client = TestHTTPClient(port: port, token: token(for: request.header("Authorization") ?? ""))
        client.userAgent = request.header("User-Agent") ?? client.userAgent
        let (status, stream) = try await client.watch(request.target, accept: request.header("Accept") ?? "application/json")
        var out: [String] = []
        if status != recorded.status { out.append("status \(status), recorded \(recorded.status)") }
        try await during?(self)
        let served = await Self.collect(stream, count: expected.count)
        let drivenServed = Self.drivenEvents(served)
        let types = { (events: [JSONValue]) in events.map { $0["type"]?.stringValue ?? "?" } }
        if types(drivenServed) != types(expected) {
            out.append("event types \(types(drivenServed)), recorded \(types(expected))")
        }
        for (i, (rec, act)) in zip(expected, drivenServed).enumerated() {
            TranscriptReplayShape.collectSubstitutions(recorded: rec, actual: act, into: &substitutions)
            out += TranscriptReplayShape.differences(recorded: rec, actual: act, abbreviated: false).map { "event \(i): " + $0 }
        }
        return out
    }

    /// Reads until `count` client-driven events arrived, the stream ended, or a hang guard
    /// (2 s real time) expired; the stream is then cancelled, which closes the connection.
    static func collect(_ stream: AsyncThrowingStream<JSONValue, any Error>, count: Int) async -> [JSONValue] {
        await withTaskGroup(of: [JSONValue]?.self) { group in
            group.addTask {
                var events: [JSONValue] = []
                do {
                    for try await event in stream {
                        events.append(event)
                        if drivenEvents(events).count >= count { break }
                    }
                } catch {}
                return events
            }
            group.addTask {
                // A hang guard, not a timing assertion: a missing event shows up as a type mismatch.
                try? await Task.sleep(for: count == 0 ? .milliseconds(300) : .seconds(2))
                return nil
            }
            // Whichever finishes first cancels the other; the reader then returns what it has.
            var result: [JSONValue] = []
            for await value in group {
                group.cancelAll()
                if let value { result = value }
            }
            return result
        }
    }
}
