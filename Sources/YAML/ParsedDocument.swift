import JSON

/// One document of a stream as parsed: its value, where it starts, and (on
/// request) where each of its nodes is, by field path.
struct ParsedDocument {
    var value: JSONValue
    var start: Mark
    var positions: [String: Mark]?
}
