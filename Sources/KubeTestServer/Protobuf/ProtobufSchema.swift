/// The layout of the Kubernetes protobuf messages this server reads and writes: for each message,
/// field number -> JSON name and type. Kubernetes names proto fields after their JSON keys, so a
/// decoded message maps onto the JSON object a JSON client would have sent.
struct ProtobufSchema: Sendable {
    /// The type of one field's values.
    indirect enum FieldType: Sendable, Equatable {
        case string, bool, double, float, bytes
        /// int32/int64 (two's complement varint).
        case int
        /// uint32/uint64.
        case uint
        /// A message, by full name without the `k8s.io.` prefix (`api.core.v1.PodSpec`).
        case message(String)
        /// `map<string, T>`.
        case map(FieldType)
    }

    struct Field: Sendable, Equatable {
        var number: Int
        var name: String
        var type: FieldType
        var repeated = false
        /// The Go field is a pointer or has no `omitempty`: JSON carries its zero value.
        var keepsZero = false
        /// `json:",inline"`: the message's fields belong to the enclosing object.
        var inline = false
    }

    struct Message: Sendable {
        var name: String
        /// In declaration order (the order Go marshals them in).
        var fields: [Field]
        var byNumber: [Int: Field]
        var byName: [String: Field]
    }

    var messages: [String: Message]

    /// Parses the table format of `ProtobufSchema+Table.swift` (see `hack/protobuf-schema.py`).
    init(parsing table: String) throws(ProtobufError) {
        messages = [:]
        for (index, line) in table.split(separator: "\n").enumerated() {
            let words = line.split(separator: " ")
            guard let name = words.first else { continue }
            var fields: [Field] = []
            for word in words.dropFirst() {
                let parts = word.split(separator: ":", maxSplits: 2)
                guard parts.count == 3, let number = Int(parts[0]) else {
                    throw ProtobufError("schema line \(index + 1): malformed field \"\(word)\"")
                }
                var code = Substring(parts[2])
                var field = Field(number: number, name: String(parts[1]), type: .string)
                while let flag = code.last, "*!^".contains(flag) {
                    switch flag {
                    case "*": field.repeated = true
                    case "!": field.keepsZero = true
                    default: field.inline = true
                    }
                    code.removeLast()
                }
                guard let type = Self.type(code) else {
                    throw ProtobufError("schema line \(index + 1): unknown type \"\(code)\" of field \(field.name)")
                }
                field.type = type
                fields.append(field)
            }
            messages[String(name)] = Message(
                name: String(name), fields: fields,
                byNumber: Dictionary(fields.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a }),
                byName: Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    private static func type(_ code: Substring) -> FieldType? {
        switch code {
        case "s": return .string
        case "b": return .bool
        case "i": return .int
        case "u": return .uint
        case "d": return .double
        case "f": return .float
        case "y": return .bytes
        default:
            if code.hasPrefix("."), code.count > 1 { return .message(String(code.dropFirst())) }
            if code.hasPrefix("{") { return type(code.dropFirst()).map { .map($0) } }
            return nil
        }
    }

    /// The schema of the built-in kinds (generated table).
    static let builtin: ProtobufSchema = {
        switch Result(catching: { () throws(ProtobufError) in try ProtobufSchema(parsing: table) }) {
        case .success(let schema): return schema
        // The table is generated and covered by a test; an empty schema only makes protobuf bodies unreadable.
        case .failure: return ProtobufSchema(messages: [:])
        }
    }()

    private init(messages: [String: Message]) { self.messages = messages }

    /// The message of a kind: `apps/v1 Deployment` -> `api.apps.v1.Deployment`,
    /// meta kinds (`DeleteOptions`, `Status`) -> `apimachinery.pkg.apis.meta.v1.*`.
    func messageName(apiVersion: String, kind: String) -> String? {
        let parts = apiVersion.split(separator: "/")
        let (group, version) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", apiVersion)
        let package = group.isEmpty ? "core" : String(group.split(separator: ".")[0])
        let candidates = ["api.\(package).\(version).\(kind)", "apimachinery.pkg.apis.meta.\(version.isEmpty ? "v1" : version).\(kind)",
                          "apimachinery.pkg.apis.meta.v1.\(kind)"]
        return candidates.first { messages[$0] != nil }
    }
}
