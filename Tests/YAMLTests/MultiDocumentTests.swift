import JSON
import Testing
import YAML

@Suite("multi-document streams")
struct MultiDocumentTests {
    @Test func emptyAndNullDocumentsAreSkippedLikeKubectl() throws {
        // kubectl annotate --local on this stream printed exactly ConfigMaps a and b.
        let stream = """
            ---
            ---
            # only a comment
            ---
            kind: ConfigMap
            metadata: {name: a}
            ---
            null
            ---
            ~
            ---
            kind: ConfigMap
            metadata: {name: b}
            ...
            """
        let documents = try YAML.parseAll(stream)
        #expect(documents.map { $0[path: "metadata", "name"] } == ["a", "b"])
    }

    @Test func documentsWithoutLeadingMarker() throws {
        #expect(try YAML.parseAll("a: 1\n---\nb: 2\n---\n- 3\n") == [["a": 1], ["b": 2], [3]])
        #expect(try YAML.parseAll("42") == [42])
    }

    @Test func emptyStreams() throws {
        #expect(try YAML.parseAll("") == [])
        #expect(try YAML.parseAll("# nothing\n\n") == [])
        #expect(try YAML.parse("") == .null)
        #expect(try YAML.parse("---\n# still nothing\n") == .null)
    }

    @Test func parseAcceptsOneDocumentAmongEmptyOnes() throws {
        #expect(try YAML.parse("---\na: 1\n---\n") == ["a": 1])
    }

    @Test func parseRefusesSeveralDocuments() {
        let error = yamlError { _ = try YAML.parse("a: 1\n---\nb: 2\n") }
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message == "expected a single document in the stream, but found another document")
    }

    @Test func directivesAndExplicitEnds() throws {
        #expect(try YAML.parseAll("%YAML 1.1\n---\na: 1\n...\n---\nb: 2\n") == [["a": 1], ["b": 2]])
    }

    @Test func errorLinesCountFromTheStreamStart() {
        let error = yamlError { _ = try YAML.parseAll("a: 1\n---\nb: 2\n---\nc: [\n") }
        #expect(error?.line == 6)
    }

    @Test func byteInputWithBOMAndUTF16() throws {
        #expect(try YAML.parseAll([0xEF, 0xBB, 0xBF] + Array("a: é\n".utf8)) == [["a": "é"]])
        let utf16: [UInt8] = [0xFF, 0xFE] + "a: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try YAML.parse(utf16) == ["a": 1])
    }
}
