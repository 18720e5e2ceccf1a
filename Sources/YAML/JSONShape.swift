/// A cheap look at text before handing it to the JSON parser as a fallback.
enum JSONShape {
    /// True if the text starts with `{` or `[` and its brackets (outside
    /// strings) nest no deeper than `maxDepth`, so the recursive JSON parser
    /// is never given a document YAML would refuse for depth.
    static func isJSONLike(_ bytes: [UInt8], maxDepth: Int) -> Bool {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maxDepth { return false }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return true
    }
}
