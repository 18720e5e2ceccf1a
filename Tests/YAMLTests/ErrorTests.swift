import JSON
import Testing
import YAML

/// Syntax and value errors name the 1-based line and column and what is wrong.
@Suite("errors")
struct ErrorTests {
    @Test func mappingValueInPlainScalar() {
        let error = yamlError { _ = try YAML.parse("a: b\nc: d\nkey: x: y\n") }
        #expect(error == YAMLError(line: 3, column: 7, message: "mapping values are not allowed in this context"))
        #expect(error?.description == "YAMLError: line 3, column 7: mapping values are not allowed in this context")
    }

    @Test func badIndentationNamesTheEnclosingMapping() {
        let error = yamlError { _ = try YAML.parse("metadata:\n  name: x\n labels: y\n") }
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.message == "did not find expected key (while parsing a block mapping at line 1, column 1)")
    }

    @Test func tabIndentation() {
        let error = yamlError { _ = try YAML.parse("v:\n\tx: 1\n") }
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.hasPrefix("found character that cannot start any token") == true)
    }

    @Test func unterminatedFlowSequence() {
        let error = yamlError { _ = try YAML.parse("items: [1, 2\nnext: 3\n") }
        #expect(error?.line == 2)
        #expect(error?.message.contains("while parsing a flow sequence at line 1, column 8") == true)
    }

    @Test func unterminatedQuotedString() {
        let error = yamlError { _ = try YAML.parse("a: \"open\n") }
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("found unexpected end of stream") == true)
    }

    @Test func invalidUTF8IsReportedWithItsPosition() {
        let bytes: [UInt8] = Array("a: 1\nb: x".utf8) + [0xFF, 0x0A]
        let error = yamlError { _ = try YAML.parse(bytes) }
        #expect(error?.line == 2)
        #expect(error?.column == 5)
        #expect(error?.message.hasPrefix("invalid leading UTF-8 octet") == true)
    }

    @Test func controlCharacterIsRefused() {
        let error = yamlError { _ = try YAML.parse("a: \u{01}\n") }
        #expect(error?.line == 1)
        #expect(error?.column == 4)
        #expect(error?.message.hasPrefix("control characters are not allowed") == true)
    }

    @Test func duplicateKeysAreAnError() throws {
        // kubectl --validate=false keeps the last value ({"x":2}); the API
        // server's strict field validation refuses the duplicate. We refuse it.
        let error = yamlError { _ = try YAML.parse("v:\n  x: 1\n  y: 2\n  x: 3\n") }
        #expect(error == YAMLError(line: 4, column: 3, message: "mapping key \"x\" already defined at line 2, column 3"))
        // Keys that convert to the same string collide too (kubectl keeps "b").
        let converted = yamlError { _ = try YAML.parse("1: a\n\"1\": b\n") }
        #expect(converted?.message == "mapping key \"1\" already defined at line 1, column 1")
        // Same key in different mappings is fine.
        #expect(try YAML.parse("a: {x: 1}\nb: {x: 2}\n") == ["a": ["x": 1], "b": ["x": 2]])
    }

    @Test func errorWithoutPositionOmitsIt() {
        let error = YAMLError(line: 0, column: 0, message: "boom", path: "spec.size")
        #expect(error.description == "YAMLError: spec.size: boom")
    }
}
