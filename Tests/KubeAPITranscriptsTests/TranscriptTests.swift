import Testing
import KubeAPITranscripts

@Suite struct TranscriptTests {
    @Test func parsesEveryFile() throws {
        let cases = try Transcript.loadAll()
        #expect(cases.count > 150)
        let files = Set(cases.map(\.file))
        #expect(files.count == 10)
        for c in cases {
            for e in c.exchanges {
                #expect(!e.request.method.isEmpty, "\(c.file) #\(c.number)")
                #expect(e.request.target.hasPrefix("/"), "\(c.file) #\(c.number): \(e.request.target)")
            }
        }
    }

    @Test func readsAConflictCase() throws {
        let cases = try Transcript.loadAll().filter { $0.file.hasPrefix("02") && $0.number == 8 }
        let exchange = try #require(cases.first?.exchanges.first)
        #expect(exchange.request.method == "PUT")
        #expect(exchange.request.body?.contains("\"resourceVersion\": \"1974\"") == true)
        #expect(exchange.response?.status == 409)
        #expect(exchange.response?.body?.contains("\"reason\": \"Conflict\"") == true)
    }

    @Test func readsAWatchBody() throws {
        let watch = try Transcript.loadAll().filter { $0.file.hasPrefix("05") && $0.number == 1 }
        let response = try #require(watch.first?.exchanges.first?.response)
        #expect(response.status == 200)
        #expect(response.bodyLanguage == "text")
        #expect(response.body?.split(separator: "\n").count == 7)
    }
}
