import Foundation
import Hummingbird
import JSON

extension PrometheusStandIn {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/v1/query") { request, _ in try await self.handleQuery(request) }
        router.post("/api/v1/query") { request, _ in try await self.handleQuery(request) }
        return router
    }

    /// `query` and `time` come from the URL, and for a form POST also from the body,
    /// which wins (as Go's `Request.FormValue`).
    func handleQuery(_ incoming: Request) async throws -> Response {
        var request = incoming
        let body = try await request.collectBody(upTo: Self.maxBodyBytes)
        var parameters = FormParameters(encoded: request.uri.query ?? "")
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        if request.method == .post, contentType.hasPrefix("application/x-www-form-urlencoded") {
            parameters = FormParameters(encoded: String(buffer: body)).followed(by: parameters)
        }
        let query = parameters["query"]
        let recorded = RecordedRequest(request, body: body)
        let failure = state.withLock { state in
            state.record(recorded, query: query)
            return state.takeFailure()
        }
        if let failure { return HTTPReply.json(failure.status, failure.body) }

        guard let query, !query.allSatisfy(\.isWhitespace) else {
            return Self.reply(.badData(#"invalid parameter "query": 1:1: parse error: no expression found in input"#))
        }
        let timestamp: Double
        switch Self.evaluationTime(parameters["time"], now: now()) {
        case .success(let time): timestamp = time
        case .failure(let error): return Self.reply(error)
        }
        switch state.withLock({ $0.answer(query) }) {
        case .failure(let error):
            return Self.reply(error)
        case .success(let samples):
            let body: JSONValue = [
                "status": "success",
                "data": [
                    "resultType": "vector",
                    "result": .array(samples.map { $0.resultEntry(timestamp: timestamp) }),
                ],
            ]
            return HTTPReply.json(200, body)
        }
    }

    private static func reply(_ error: PrometheusError) -> Response {
        HTTPReply.json(error.status, error.body)
    }

    /// `time` as Unix seconds or RFC 3339, else now; in seconds with millisecond precision.
    static func evaluationTime(_ text: String?, now: Date) -> Result<Double, PrometheusError> {
        let seconds: Double
        if let text, !text.isEmpty {
            if let unix = Double(text), unix.isFinite {
                seconds = unix
            } else if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
                seconds = date.timeIntervalSince1970
            } else if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) {
                seconds = date.timeIntervalSince1970
            } else {
                return .failure(.badData(#"invalid parameter "time": cannot parse "\#(text)" to a valid timestamp"#))
            }
        } else {
            seconds = now.timeIntervalSince1970
        }
        return .success((seconds * 1000).rounded() / 1000)
    }
}
