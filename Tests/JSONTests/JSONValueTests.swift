import Testing
import JSON

@Suite struct JSONValueTests {
    @Test func parsesAndKeepsKeyOrder() throws {
        let v = try JSONValue(parsing: #"{"b":1,"a":[true,null,"x\n\u00e9"],"c":{"d":-2.5e1}}"#)
        #expect(v.serialized() == #"{"b":1,"a":[true,null,"x\né"],"c":{"d":-25}}"#)
        #expect(v[path: "c", "d"]?.doubleValue == -25)
        #expect(Array(v.objectValue!.keys) == ["b", "a", "c"])
    }

    @Test func keepsInt64Exact() throws {
        let v = try JSONValue(parsing: "9223372036854775807")
        #expect(v == .int(.max))
        #expect(v.serialized() == "9223372036854775807")
    }

    @Test func numericEqualityAcrossIntAndDouble() {
        #expect(JSONValue.int(1000) == JSONValue.double(1e3))
        #expect(JSONValue.int(1) != JSONValue.double(1.5))
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "01x", "\"abc", "1 2"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func errorNamesLineAndColumn() {
        do {
            _ = try JSONValue(parsing: "{\n  \"a\": x\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func pathSetterCreatesObjects() {
        var v = JSONValue.emptyObject
        v[path: "metadata", "labels", "app"] = "kai"
        #expect(v.serialized() == #"{"metadata":{"labels":{"app":"kai"}}}"#)
    }

    @Test func codableRoundTrip() throws {
        struct S: Codable, Equatable { var name: String; var count: Int }
        let v = try JSONValue(encoding: S(name: "a", count: 3))
        #expect(v == ["count": 3, "name": "a"])
        #expect(try v.decode(S.self) == S(name: "a", count: 3))
    }
}
