/// The field paths of CEL rules (`fieldPath`) and `selectableFields` (`.spec.replicas`,
/// `.spec['dotted.key']`, `.items[0]`), resolved against a schema like `cel.ValidFieldPath`.
enum SchemaFieldPath {
    struct Resolution {
        /// The field names walked (list indices left out).
        var names: [String]
        var node: SchemaNode
    }

    static func isValid(_ path: String, in node: SchemaNode) -> Bool {
        if case .success = resolve(path, in: node) { return true }
        return false
    }

    static func resolve(_ path: String, in root: SchemaNode, allowArrayNotation: Bool = true) -> Result<Resolution, PathError> {
        let chars = Array(path)
        var i = 0
        var node = root
        var names: [String] = []
        guard !chars.isEmpty else { return .failure(PathError("must not be empty")) }
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                var name = ""
                while i < chars.count, chars[i] != ".", chars[i] != "[" {
                    name.append(chars[i])
                    i += 1
                }
                guard !name.isEmpty else { return .failure(PathError("invalid path: empty field name")) }
                guard let child = lookup(name, in: node) else {
                    return .failure(PathError("does not refer to a valid field"))
                }
                names.append(name)
                node = child
            } else if chars[i] == "[" {
                guard let close = chars[i...].firstIndex(of: "]") else {
                    return .failure(PathError("unexpected format: missing ]"))
                }
                let inner = String(chars[(i + 1)..<close])
                i = close + 1
                if let quote = inner.first, quote == "'" || quote == "\"", inner.count >= 2, inner.last == quote {
                    let name = String(inner.dropFirst().dropLast())
                    guard let child = lookup(name, in: node) else {
                        return .failure(PathError("does not refer to a valid field"))
                    }
                    names.append(name)
                    node = child
                } else if Int(inner) != nil {
                    guard allowArrayNotation else { return .failure(PathError("array notation is not allowed")) }
                    guard let items = node.itemSchema else {
                        return .failure(PathError("does not refer to a valid field"))
                    }
                    node = items
                } else {
                    return .failure(PathError("invalid subscript [\(inner)]"))
                }
            } else {
                return .failure(PathError("expected [ or . at the beginning of a path segment"))
            }
        }
        return .success(Resolution(names: names, node: node))
    }

    private static func lookup(_ name: String, in node: SchemaNode) -> SchemaNode? {
        node.properties?[name] ?? node.additionalPropertiesSchema
    }

    struct PathError: Error, Sendable {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
