import JSON

/// A `DecodingError` restated for people: which field (`spec.replicas`), what
/// was expected and what the document has there.
struct DecodingFailure {
    /// The field path of the offending value.
    var path: String
    /// The path whose node best locates the problem (the parent object for a missing key).
    var locationPath: String
    var message: String

    init(_ error: DecodingError, in root: JSONValue) {
        switch error {
        case .typeMismatch(let type, let context):
            let (path, found) = Self.resolve(context.codingPath, in: root)
            self.path = path
            locationPath = path
            message = "expected \(Self.name(of: type)), found \(Self.describe(found))"
        case .valueNotFound(let type, let context):
            let (path, found) = Self.resolve(context.codingPath, in: root)
            self.path = path
            locationPath = path
            message = "expected \(Self.name(of: type)), found \(Self.describe(found))"
        case .keyNotFound(let key, let context):
            let (parent, _) = Self.resolve(context.codingPath, in: root)
            let (path, _) = Self.resolve(context.codingPath + [key], in: root)
            self.path = path
            locationPath = parent
            message = "required field is missing"
        case .dataCorrupted(let context):
            let (path, _) = Self.resolve(context.codingPath, in: root)
            self.path = path
            locationPath = path
            message = context.debugDescription
            if let underlying = context.underlyingError { message += " (\(underlying))" }
        @unknown default:
            path = ""
            locationPath = ""
            message = "\(error)"
        }
    }

    /// The error, placed at the node `locate` finds for the failing path.
    func yamlError(locate: (String) -> Mark?) -> YAMLError {
        let mark = locate(locationPath) ?? .unknown
        return YAMLError(line: mark.line, column: mark.column, message: message, path: path.isEmpty ? nil : path)
    }

    /// The printable path of a coding path and the value found there (nil if absent).
    static func resolve(_ codingPath: [any CodingKey], in root: JSONValue) -> (String, JSONValue?) {
        var path = ""
        var current: JSONValue? = root
        for key in codingPath {
            if case .array(let items)? = current, let index = key.intValue {
                path = FieldPath.appending(index: index, to: path)
                current = items.indices.contains(index) ? items[index] : nil
            } else if current == nil, let index = key.intValue, key.stringValue == "Index \(index)" {
                path = FieldPath.appending(index: index, to: path)
            } else {
                path = FieldPath.appending(key: key.stringValue, to: path)
                current = current?[key.stringValue]
            }
        }
        return (path, current)
    }

    static func name(of type: Any.Type) -> String {
        if type == [String: Any].self { return "an object" }
        if type == [Any].self { return "an array" }
        return String(describing: type)
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        switch value {
        case .null: return "null"
        case .bool(let b): return "boolean \(b)"
        case .int(let i): return "integer \(i)"
        case .double(let d): return "number \(d)"
        case .string(let s):
            let shown = s.count > 60 ? String(s.prefix(57)) + "..." : s
            return "string \(JSONValue.string(shown).serialized())"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
