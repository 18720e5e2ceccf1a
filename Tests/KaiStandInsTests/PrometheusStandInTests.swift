import Foundation
import JSON
import Testing
@testable import KaiStandIns

@Suite("Prometheus stand-in")
struct PrometheusStandInTests {
    private func query(_ prometheus: PrometheusStandIn, _ text: String) async throws -> TestHTTP.Answer {
        let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        return try await TestHTTP.get(prometheus.url + "/api/v1/query?query=" + encoded)
    }

    @Test("a set query answers the instant-vector shape of the Prometheus API")
    func vectorShape() async throws {
        try await withPrometheus { prometheus async throws in
            let promql = #"sum(rate(http_requests_total{status!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))"#
            prometheus.set(query: promql, value: 0.97, labels: ["job": "api", "__name__": "success_rate"])
            let answer = try await query(prometheus, promql)
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(
                answer.text
                    == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"success_rate","job":"api"},"value":[1683981296.5,"0.97"]}]}}"#
            )
            #expect(prometheus.queryCount(promql) == 1)
            #expect(prometheus.queries == [promql])
        }
    }

    @Test("several series; an unknown query gives an empty vector, or the default when set")
    func seriesAndDefaults() async throws {
        try await withPrometheus { prometheus async throws in
            prometheus.add(query: "up", value: 1, labels: ["instance": "a"])
            prometheus.add(query: "up", value: 0, labels: ["instance": "b"])
            let up = try await query(prometheus, "up").json()
            #expect(up[path: "data", "result"] == [
                ["metric": ["instance": "a"], "value": [1683981296.5, "1"]],
                ["metric": ["instance": "b"], "value": [1683981296.5, "0"]],
            ])
            let unknown = try await query(prometheus, "nothing").json()
            #expect(unknown == ["status": "success", "data": ["resultType": "vector", "result": []]])
            prometheus.setDefault(value: 42)
            let fallback = try await query(prometheus, "nothing").json()
            #expect(fallback[path: "data", "result"] == [["metric": [:], "value": [1683981296.5, "42"]]])
            prometheus.set(query: "up", samples: [])
            #expect(try await query(prometheus, "up").json()[path: "data", "result"] == [])
            prometheus.remove(query: "up")
            #expect(try await query(prometheus, "up").json()[path: "data", "result", ] != [])
            prometheus.setDefault(samples: [])
            #expect(try await query(prometheus, "up").json()[path: "data", "result"] == [])
        }
    }

    @Test("a missing or empty query answers 400 bad_data", arguments: ["", "?query=", "?query=%20", "?other=up"])
    func missingQuery(suffix: String) async throws {
        try await withPrometheus { prometheus async throws in
            let answer = try await TestHTTP.get(prometheus.url + "/api/v1/query" + suffix)
            #expect(answer.status == 400)
            #expect(
                try answer.json() == [
                    "status": "error", "errorType": "bad_data",
                    "error": #"invalid parameter "query": 1:1: parse error: no expression found in input"#,
                ])
        }
    }

    @Test("POST form bodies are read, decoded, and win over the URL")
    func postForm() async throws {
        try await withPrometheus { prometheus async throws in
            prometheus.set(query: "rate(x[5m]) > 0", value: 2.5)
            let answer = try await TestHTTP.send(
                "POST", prometheus.url + "/api/v1/query?query=ignored",
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: "query=rate%28x%5B5m%5D%29+%3E+0&time=1700000000")
            #expect(answer.status == 200)
            #expect(try answer.json()[path: "data", "result"] == [["metric": [:], "value": [1700000000, "2.5"]]])
            #expect(prometheus.lastRequest?.method == "POST")
            #expect(prometheus.queries == ["rate(x[5m]) > 0"])
        }
    }

    @Test("time is read as Unix seconds or RFC 3339; a bad time answers 400")
    func evaluationTime() async throws {
        try await withPrometheus { prometheus async throws in
            prometheus.set(query: "up", value: 1)
            let unix = try await TestHTTP.get(prometheus.url + "/api/v1/query?query=up&time=1700000000.123")
            #expect(try unix.json()[path: "data", "result"]?[0]?["value"] == [1700000000.123, "1"])
            let rfc = try await TestHTTP.get(prometheus.url + "/api/v1/query?query=up&time=2023-11-14T22:13:20Z")
            #expect(try rfc.json()[path: "data", "result"]?[0]?["value"] == [1700000000, "1"])
            let bad = try await TestHTTP.get(prometheus.url + "/api/v1/query?query=up&time=yesterday")
            #expect(bad.status == 400)
            #expect(
                try bad.json() == [
                    "status": "error", "errorType": "bad_data",
                    "error": #"invalid parameter "time": cannot parse "yesterday" to a valid timestamp"#,
                ])
        }
    }

    @Test("query errors and injected failures use the Prometheus error shape")
    func errors() async throws {
        try await withPrometheus { prometheus async throws in
            try prometheus.setError(query: "bad", error: "query timed out")
            let failed = try await query(prometheus, "bad")
            #expect(failed.status == 422)
            #expect(try failed.json() == ["status": "error", "errorType": "execution", "error": "query timed out"])
            prometheus.set(query: "up", value: 1)
            try prometheus.failNext(2)
            let first = try await query(prometheus, "up")
            #expect(first.status == 503)
            #expect(try first.json() == ["status": "error", "errorType": "unavailable", "error": "injected failure"])
            #expect(try await query(prometheus, "up").status == 503)
            #expect(try await query(prometheus, "up").status == 200)
            #expect(prometheus.callCount == 4)
            #expect(prometheus.queryCount("up") == 3)
            prometheus.remove(query: "bad")
            #expect(try await query(prometheus, "bad").status == 200)
            #expect(throws: StandInError.self) { try prometheus.failNext(-1) }
            #expect(throws: StandInError.self) { try prometheus.setError(query: "q", status: 600, error: "x") }
        }
    }

    @Test(
        "sample values are written as Prometheus writes them",
        arguments: [
            (1.0, "1"), (0.97, "0.97"), (-2.5, "-2.5"), (0.00001, "0.00001"), (1.5e20, "150000000000000000000"),
            (123456.789, "123456.789"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
            (2.5e-7, "0.00000025"),
        ])
    func valueFormat(value: Double, text: String) {
        #expect(PrometheusSample.format(value) == text)
    }

    @Test("labels are written with __name__ first, then sorted")
    func labelOrder() {
        let sample = PrometheusSample(value: 1, labels: ["b": "2", "__name__": "m", "a": "1"])
        #expect(sample.resultEntry(timestamp: 1).serialized() == #"{"metric":{"__name__":"m","a":"1","b":"2"},"value":[1,"1"]}"#)
    }

    @Test("the stand-in can be stopped and started again")
    func lifecycle() async throws {
        let prometheus = PrometheusStandIn(logger: quietLogger)
        #expect(prometheus.url == "")
        try await prometheus.start()
        #expect(prometheus.port != nil)
        await #expect(throws: StandInError.alreadyRunning(name: "Prometheus stand-in")) { try await prometheus.start() }
        await prometheus.stop()
        #expect(prometheus.url == "")
        prometheus.set(query: "up", value: 1)
        try await prometheus.start()
        let answer = try await TestHTTP.get(prometheus.url + "/api/v1/query?query=up")
        #expect(try answer.json()[path: "data", "result"]?[0]?["value"]?[1] == "1")
        await prometheus.stop()
    }
}
