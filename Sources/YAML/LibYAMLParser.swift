import JSON
import CYAML

/// Drives libyaml's event parser over a buffer and feeds a `DocumentBuilder`
/// per document. libyaml does the YAML 1.1 syntax (block/flow styles, quoting,
/// escapes, indentation, directives); everything about values is ours.
enum LibYAMLParser {
    /// Syntax errors (from libyaml) are kept apart from content errors
    /// (duplicate keys, bad aliases, ...) because only the former may be
    /// retried as JSON.
    enum Failure: Error {
        case syntax(YAMLError)
        case content(YAMLError)

        var error: YAMLError {
            switch self {
            case .syntax(let e), .content(let e): return e
            }
        }
    }

    static func parse(_ text: String, recordPositions: Bool = false) throws(Failure) -> [ParsedDocument] {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(Failure) in try parse(buffer, recordPositions: recordPositions) }
        }
        return try result.get()
    }

    static func parse(_ bytes: [UInt8], recordPositions: Bool = false) throws(Failure) -> [ParsedDocument] {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(Failure) in try parse(buffer, recordPositions: recordPositions) }
        }
        return try result.get()
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>, recordPositions: Bool) throws(Failure) -> [ParsedDocument] {
        // libyaml asserts on a null input pointer, and an empty stream has no documents.
        guard let base = input.baseAddress, !input.isEmpty else { return [] }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .syntax(YAMLError(line: 0, column: 0, message: "could not initialise the YAML parser (out of memory)"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, base, input.count)

        var loader = Loader(recordPositions: recordPositions)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw .syntax(error(from: parser, input: input))
            }
            defer { yaml_event_delete(&event) }
            do {
                if try loader.apply(event) { return loader.documents }
            } catch {
                throw .content(error)
            }
        }
    }

    /// Routes events to a fresh `DocumentBuilder` per document.
    private struct Loader {
        let recordPositions: Bool
        var documents: [ParsedDocument] = []
        var builder: DocumentBuilder
        var documentStart = Mark.unknown

        init(recordPositions: Bool) {
            self.recordPositions = recordPositions
            builder = DocumentBuilder(recordPositions: recordPositions)
        }

        /// Applies one event; true at the end of the stream.
        mutating func apply(_ event: yaml_event_t) throws(YAMLError) -> Bool {
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            // Switching on the raw value: comparing the imported C enum goes
            // through a generic Equatable witness, which is slow in debug builds.
            switch event.type.rawValue {
            case YAML_STREAM_END_EVENT.rawValue:
                return true
            case YAML_DOCUMENT_START_EVENT.rawValue:
                builder = DocumentBuilder(recordPositions: recordPositions)
                documentStart = mark
            case YAML_DOCUMENT_END_EVENT.rawValue:
                if let root = builder.root {
                    documents.append(ParsedDocument(value: root.value, start: documentStart, positions: builder.positions))
                }
            case YAML_SCALAR_EVENT.rawValue:
                let data = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                try builder.scalar(text, tag: LibYAMLParser.string(data.tag), plainImplicit: data.plain_implicit != 0,
                                   anchor: LibYAMLParser.string(data.anchor), at: mark)
            case YAML_ALIAS_EVENT.rawValue:
                try builder.alias(LibYAMLParser.string(event.data.alias.anchor) ?? "", at: mark)
            case YAML_SEQUENCE_START_EVENT.rawValue:
                try builder.startCollection(.sequence, anchor: LibYAMLParser.string(event.data.sequence_start.anchor), at: mark)
            case YAML_MAPPING_START_EVENT.rawValue:
                try builder.startCollection(.mapping, anchor: LibYAMLParser.string(event.data.mapping_start.anchor), at: mark)
            case YAML_SEQUENCE_END_EVENT.rawValue, YAML_MAPPING_END_EVENT.rawValue:
                try builder.endCollection()
            default:
                // STREAM_START and NO_EVENT carry nothing.
                break
            }
            return false
        }
    }

    fileprivate static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's problem and context, with 1-based positions.
    private static func error(from parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML content"
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark.
            let mark = self.mark(atByteOffset: parser.problem_offset, in: input)
            var message = problem
            if parser.problem_value >= 0 { message += " (byte 0x\(String(parser.problem_value, radix: 16, uppercase: true)))" }
            return YAMLError(at: mark, message)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let problemMark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            var message = problem
            if let context = parser.context {
                let contextMark = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
                message += " (\(String(cString: context)) at \(contextMark))"
            }
            return YAMLError(at: problemMark, message)
        default:
            return YAMLError(line: 0, column: 0, message: "out of memory while parsing YAML")
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    private static func mark(atByteOffset offset: Int, in input: UnsafeBufferPointer<UInt8>) -> Mark {
        var line = 1, column = 1
        for byte in input.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Mark(line: line, column: column)
    }
}
