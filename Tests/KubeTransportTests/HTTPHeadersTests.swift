import KubeTransport
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitiveAndKeepsOrder() {
        var headers: HTTPHeaders = ["Retry-After": "3", "Warning": "a"]
        headers.add(name: "warning", value: "b")
        #expect(headers["retry-after"] == "3")
        #expect(headers["RETRY-AFTER"] == "3")
        #expect(headers.values(for: "WARNING") == ["a", "b"])
        #expect(headers["missing"] == nil)
        #expect(headers.contains("Warning"))
    }

    @Test func settingReplacesAllValuesKeepingPosition() {
        var headers: HTTPHeaders = ["A": "1", "X": "old", "B": "2"]
        headers.add(name: "x", value: "older")
        headers["X"] = "new"
        #expect(headers.fields.map(\.name) == ["A", "X", "B"])
        #expect(headers.values(for: "x") == ["new"])
        headers["x"] = nil
        #expect(!headers.contains("X"))
        #expect(headers.count == 2)
    }
}
