/// A YAML document that could not be parsed, or could not be decoded into the
/// requested type.
///
/// `line` and `column` are 1-based and point at the problem (0 when the
/// position is unknown, e.g. a decoding error on a value whose node could not
/// be located). `path` names the field for decoding errors
/// (`spec.containers[0].name`).
public struct YAMLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 1-based line of the problem, 0 if unknown.
    public var line: Int
    /// 1-based column of the problem, 0 if unknown.
    public var column: Int
    /// What is wrong, e.g. `mapping values are not allowed in this context`.
    public var message: String
    /// The field path of a decoding error (`spec.replicas`), nil for syntax errors.
    public var path: String?

    /// Creates an error at a position (1-based; 0 for unknown).
    public init(line: Int, column: Int, message: String, path: String? = nil) {
        self.line = line
        self.column = column
        self.message = message
        self.path = path
    }

    /// `YAMLError: line 3, column 5: mapping values are not allowed in this context`.
    public var description: String {
        var text = "YAMLError: "
        if line > 0 { text += "line \(line), column \(column): " }
        if let path, !path.isEmpty { text += "\(path): " }
        return text + message
    }
}

extension YAMLError {
    init(at mark: Mark, _ message: String) {
        self.init(line: mark.line, column: mark.column, message: message)
    }
}
