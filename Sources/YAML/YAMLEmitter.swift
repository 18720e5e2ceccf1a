import OrderedCollections
import JSON

/// Writes `JSONValue`s as block-style YAML.
///
/// Written in Swift rather than on libyaml's emitter: libyaml folds long
/// scalars at 80 columns and decides quoting without knowing how go-yaml v2
/// resolves plain scalars (`on`, `0o17`, `1_000` are not strings there), so it
/// would need the same analysis anyway plus C event plumbing. Here every
/// decision is local: quote exactly when the parser in this module (and
/// kubectl) would otherwise read back a different value.
///
/// Layout follows `kubectl get -o yaml`: 2-space indentation, sequences under
/// a key start at the key's column, mappings in sequences start on the `- `
/// line, empty collections are `{}` and `[]`.
struct YAMLEmitter {
    private(set) var output = ""

    /// Keys longer than this use the explicit `? key` form (libyaml only
    /// recognises implicit keys up to 1024 characters).
    static let maxImplicitKeyLength = 1000

    mutating func emitDocument(_ value: JSONValue) {
        switch value {
        case .object(let entries) where !entries.isEmpty:
            writeMapping(entries, indent: 0, continuesLine: false)
        case .array(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, continuesLine: false)
        default:
            writeScalar(value, contentIndent: 2)
            output += "\n"
        }
    }

    /// Entries at column `indent`; the first continues the current line after `- `.
    private mutating func writeMapping(_ entries: OrderedDictionary<String, JSONValue>, indent: Int, continuesLine: Bool) {
        var first = true
        for (key, value) in entries {
            if !(first && continuesLine) { output += String(repeating: " ", count: indent) }
            first = false
            let keyText = Self.scalarText(for: key, contentIndent: indent + 2, allowBlock: false)
            if keyText.unicodeScalars.count > Self.maxImplicitKeyLength {
                output += "? " + keyText + "\n" + String(repeating: " ", count: indent) + ":"
            } else {
                output += keyText + ":"
            }
            switch value {
            case .object(let nested) where !nested.isEmpty:
                output += "\n"
                writeMapping(nested, indent: indent + 2, continuesLine: false)
            case .array(let items) where !items.isEmpty:
                output += "\n"
                writeSequence(items, indent: indent, continuesLine: false)
            default:
                output += " "
                writeScalar(value, contentIndent: indent + 2)
                output += "\n"
            }
        }
    }

    /// Items with their `-` at column `indent`; the first continues the current line.
    private mutating func writeSequence(_ items: [JSONValue], indent: Int, continuesLine: Bool) {
        for (index, item) in items.enumerated() {
            if !(index == 0 && continuesLine) { output += String(repeating: " ", count: indent) }
            output += "- "
            switch item {
            case .object(let entries) where !entries.isEmpty:
                writeMapping(entries, indent: indent + 2, continuesLine: true)
            case .array(let nested) where !nested.isEmpty:
                writeSequence(nested, indent: indent + 2, continuesLine: true)
            default:
                writeScalar(item, contentIndent: indent + 2)
                output += "\n"
            }
        }
    }

    /// A scalar or empty collection, without the final newline. Block scalar
    /// lines go at `contentIndent`.
    private mutating func writeScalar(_ value: JSONValue, contentIndent: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .double(let d): output += Self.format(d)
        case .string(let s): output += Self.scalarText(for: s, contentIndent: contentIndent, allowBlock: true)
        case .array: output += "[]"
        case .object: output += "{}"
        }
    }

    /// A double that reads back as the same number: `.inf`, `.nan`, or Swift's
    /// shortest round-trip form (`0.1`, `1e-07`, `1000.0`), all of which are
    /// floats to go-yaml.
    static func format(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        return String(d)
    }

    /// A string as a plain, literal-block or double-quoted scalar.
    static func scalarText(for s: String, contentIndent: Int, allowBlock: Bool) -> String {
        if ScalarStyle.isPlainSafe(s) { return s }
        if allowBlock, let literal = ScalarStyle.literalBlock(s, contentIndent: contentIndent) { return literal }
        return ScalarStyle.doubleQuoted(s)
    }
}
