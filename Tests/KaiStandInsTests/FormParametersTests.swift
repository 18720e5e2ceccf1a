import Testing
@testable import KaiStandIns

@Suite("Form decoding")
struct FormParametersTests {
    @Test("pairs are split and decoded: + is a space, %XX a byte, first value wins")
    func decoding() {
        let form = FormParameters(encoded: "a=1&b=x+y&c=%2F%C3%A9&a=2&flag&empty=")
        #expect(form["a"] == "1")
        #expect(form["b"] == "x y")
        #expect(form["c"] == "/é")
        #expect(form["flag"] == "")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test("a malformed escape is kept as written")
    func malformed() {
        #expect(FormParameters.decode("100%") == "100%")
        #expect(FormParameters.decode("%zz1") == "%zz1")
        #expect(FormParameters.decode("%4") == "%4")
    }

    @Test("followed(by:) prefers the receiver's values")
    func merging() {
        let body = FormParameters(encoded: "query=a")
        let url = FormParameters(encoded: "query=b&time=1")
        let merged = body.followed(by: url)
        #expect(merged["query"] == "a")
        #expect(merged["time"] == "1")
    }
}
