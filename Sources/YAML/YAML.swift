public import JSON

/// YAML in and out, with the value semantics kubectl has.
///
/// Parsing follows sigs.k8s.io/yaml on go-yaml v2 (what `kubectl` uses):
/// YAML 1.1 plain scalars (`yes`/`on`/`y` are booleans, `0x1F`, `017`,
/// `1_000` are integers, `1e3` is the number 1000, `~` and empty are null),
/// quoted scalars are strings, `<<` merge keys, map keys converted to strings
/// (`1: a` -> `"1"`). Unlike kubectl's client side, duplicate keys are an
/// error (the API server refuses them as well). Aliases are expanded within a
/// budget that refuses "billion laughs" documents.
///
/// Emitting writes block style with 2-space indentation, sequences under a
/// key at the key's column (as `kubectl get -o yaml` does), and quotes
/// strings exactly when reading them back would change their value.
public enum YAML {
    /// Parses exactly one document: an error if the stream has more than one
    /// non-empty document; an empty stream (or only empty documents) is `.null`.
    public static func parse(_ text: String) throws(YAMLError) -> JSONValue {
        try single(documents(text))
    }

    /// Parses exactly one document from UTF-8 (or BOM-marked UTF-16) bytes.
    public static func parse(_ bytes: [UInt8]) throws(YAMLError) -> JSONValue {
        try single(documents(bytes))
    }

    /// Parses every non-empty document of a stream, in order.
    ///
    /// Like kubectl, documents that are empty, hold only comments, or are
    /// null (`~`, `null`) are skipped.
    public static func parseAll(_ text: String) throws(YAMLError) -> [JSONValue] {
        try nonEmpty(documents(text)).map(\.value)
    }

    /// Parses every non-empty document of a stream of bytes.
    public static func parseAll(_ bytes: [UInt8]) throws(YAMLError) -> [JSONValue] {
        try nonEmpty(documents(bytes)).map(\.value)
    }

    /// Parses one document and decodes it into `type`.
    ///
    /// Throws `YAMLError`: for syntax errors, and for values that do not fit
    /// the type, with the field path (`spec.replicas`) and the line and column
    /// of the offending node.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, value: parse(text)) { try? LibYAMLParser.parse(text, recordPositions: true) }
    }

    /// Parses one document from bytes and decodes it into `type`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, value: parse(bytes)) { try? LibYAMLParser.parse(bytes, recordPositions: true) }
    }

    private static func decode<T: Decodable>(
        _ type: T.Type, value: JSONValue, reparse: () -> [ParsedDocument]?
    ) throws -> T {
        do {
            return try value.decode(T.self)
        } catch let error as DecodingError {
            // Positions are only needed on failure, so they are found by parsing again.
            let positions = reparse()?.first { !$0.value.isNull }?.positions
            throw DecodingFailure(error, in: value).yamlError { positions?[$0] }
        }
    }

    /// One document as YAML text, ending with a newline.
    public static func emit(_ value: JSONValue) -> String {
        var emitter = YAMLEmitter()
        emitter.emitDocument(value)
        return emitter.output
    }

    /// Several documents, separated by `---` lines; empty input gives "".
    public static func emitAll(_ values: [JSONValue]) -> String {
        values.map(emit).joined(separator: "---\n")
    }

    /// Documents that are not null (empty, comments only, `~`): kubectl skips the others.
    private static func nonEmpty(_ documents: [ParsedDocument]) -> [ParsedDocument] {
        documents.filter { !$0.value.isNull }
    }

    /// The documents of a stream.
    ///
    /// JSON is YAML, except for two spellings libyaml refuses: surrogate-pair
    /// escapes (`"\ud83d\ude00"`) and keys longer than 1024 characters. So a
    /// text with a YAML *syntax* error that looks like JSON is given to the
    /// JSON parser (kubectl, too, decodes `{`-prefixed input as JSON).
    private static func documents(_ text: String) throws(YAMLError) -> [ParsedDocument] {
        do {
            return try LibYAMLParser.parse(text)
        } catch {
            return try jsonFallback(Array(text.utf8), otherwise: error)
        }
    }

    private static func documents(_ bytes: [UInt8]) throws(YAMLError) -> [ParsedDocument] {
        do {
            return try LibYAMLParser.parse(bytes)
        } catch {
            return try jsonFallback(bytes, otherwise: error)
        }
    }

    private static func jsonFallback(_ bytes: [UInt8], otherwise failure: LibYAMLParser.Failure) throws(YAMLError) -> [ParsedDocument] {
        guard case .syntax = failure, JSONShape.isJSONLike(bytes, maxDepth: DocumentBuilder.maxDepth),
              let value = try? JSONValue(parsing: bytes)
        else { throw failure.error }
        return [ParsedDocument(value: value, start: Mark(line: 1, column: 1), positions: nil)]
    }

    private static func single(_ documents: [ParsedDocument]) throws(YAMLError) -> JSONValue {
        let nonEmpty = nonEmpty(documents)
        if nonEmpty.count > 1 {
            throw YAMLError(at: nonEmpty[1].start, "expected a single document in the stream, but found another document")
        }
        return nonEmpty.first?.value ?? .null
    }
}
