import JSON

/// Random JSON values with the strings that trip YAML up.
enum RandomJSON {
    static let trickyStrings: [String] = [
        "", " ", "yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "NULL", "1e3", "0123", "0x1F", "0o17",
        "1_000", ".inf", "-.Inf", ".nan", "1:30", "2001-12-14", "2026-11-22T07:42:34Z", "<<", "=", "- a", "-",
        "--- doc", "...", "... end", "? q", ": v", "a: b", "a:b", "a #b", "#c", "&a", "*a", "!t", "%p", "@a", "`b`",
        "|", ">", "'s'", "\"d\"", "{x}", "[y]", "a,b", " lead", "trail ", "multi\nline", "multi\nline\n",
        "keep\n\n", "  indented\nblock", "tab\tin", "\ttab first", "cr\rx", "nel\u{85}", "ls\u{2028}", "ctl\u{1}",
        "bom\u{FEFF}", "é", "😀", "日本語", "back\\slash", "k:{\"type\":\"Ready\"}", "nginx:1.27", "-1", "+1", "1.",
        "12e03", "0b101", "+.5", "1.0", "--x", "0.1", "1e400", "x\n  y\n\tz", "\n", "\n\nafter", "a\n \nb",
    ]

    static func value(depth: Int, using rng: inout SeededGenerator) -> JSONValue {
        let pick = depth == 0 ? Int.random(in: 0..<6, using: &rng) : Int.random(in: 0..<9, using: &rng)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &rng))
        case 3:
            let d = Double.random(in: -1e6...1e6, using: &rng)
            return .double(Bool.random(using: &rng) ? d : d * 1e-12)
        case 4, 5: return .string(string(using: &rng))
        case 6: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(depth: depth - 1, using: &rng) })
        default:
            var entries: [(String, JSONValue)] = []
            var seen = Set<String>()
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let key = string(using: &rng)
                guard seen.insert(key).inserted else { continue }
                entries.append((key, value(depth: depth - 1, using: &rng)))
            }
            return .object(.init(uniqueKeysWithValues: entries))
        }
    }

    static func string(using rng: inout SeededGenerator) -> String {
        if Bool.random(using: &rng) { return trickyStrings.randomElement(using: &rng) ?? "" }
        let alphabet = Array("abcXYZ019 _-.:#,\"'\\/é")
        return String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "a" })
    }
}
