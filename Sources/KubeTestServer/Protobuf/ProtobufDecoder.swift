import Foundation
import JSON

/// Turns a Kubernetes protobuf body (`application/vnd.kubernetes.protobuf`) into the JSON object
/// a JSON client would have sent for the same Go value.
struct ProtobufDecoder {
    /// `k8s\0`, in front of every Kubernetes protobuf body.
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    var schema: ProtobufSchema = .builtin

    /// The `runtime.Unknown` envelope after the magic.
    struct Envelope: Equatable {
        var apiVersion = ""
        var kind = ""
        var raw: [UInt8] = []
        var contentEncoding = ""
        var contentType = ""
    }

    static func envelope(_ body: [UInt8]) throws(ProtobufError) -> Envelope {
        guard body.count >= magic.count, Array(body.prefix(magic.count)) == magic else {
            throw ProtobufError("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]")
        }
        var envelope = Envelope()
        var reader = ProtobufWireReader(body[magic.count...])
        while let (number, value) = try reader.next() {
            guard case .bytes(let data) = value else { continue }
            switch number {
            case 1:
                var typeMeta = ProtobufWireReader(data)
                while let (n, v) = try typeMeta.next() {
                    guard case .bytes(let text) = v else { continue }
                    if n == 1 { envelope.apiVersion = try string(text, field: "apiVersion") }
                    if n == 2 { envelope.kind = try string(text, field: "kind") }
                }
            case 2: envelope.raw = Array(data)
            case 3: envelope.contentEncoding = try string(data, field: "contentEncoding")
            case 4: envelope.contentType = try string(data, field: "contentType")
            default: continue
            }
        }
        return envelope
    }

    /// Decodes a whole body: envelope, then the object of the kind it names (`fallbackKind` when it
    /// names none), with `kind` and `apiVersion` set as in JSON.
    func decode(_ body: [UInt8], fallbackAPIVersion: String, fallbackKind: String) throws(ProtobufError) -> JSONValue {
        let envelope = try Self.envelope(body)
        guard envelope.contentEncoding.isEmpty else {
            throw ProtobufError("unsupported content encoding \"\(envelope.contentEncoding)\"")
        }
        let apiVersion = envelope.apiVersion.isEmpty ? fallbackAPIVersion : envelope.apiVersion
        let kind = envelope.kind.isEmpty ? fallbackKind : envelope.kind
        guard let name = schema.messageName(apiVersion: apiVersion, kind: kind) else {
            throw ProtobufError("no protobuf encoding is known for \(kind) in version \"\(apiVersion)\"")
        }
        let object = try decode(envelope.raw[...], message: name)
        // kind and apiVersion first, as a JSON client writes them.
        var out: JSONValue = ["kind": .string(kind), "apiVersion": .string(apiVersion)]
        for (key, value) in object.objectValue ?? [:] where key != "kind" && key != "apiVersion" { out[key] = value }
        return out
    }

    /// Decodes one message into a JSON value (an object, or the JSON form of the special types).
    func decode(_ bytes: ArraySlice<UInt8>, message name: String) throws(ProtobufError) -> JSONValue {
        if let special = try Self.special(bytes, message: name) { return special }
        guard let message = schema.messages[name] else { throw ProtobufError("unknown message type \(name)") }
        // Collect first: repeated fields may be interleaved, and a message sent twice merges (concatenation).
        var scalars: [Int: ProtobufWireReader.Value] = [:]
        var chunks: [Int: [UInt8]] = [:]
        var lists: [Int: [JSONValue]] = [:]
        var maps: [Int: [(String, JSONValue)]] = [:]
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.next() {
            guard let field = message.byNumber[number] else { continue }  // unknown fields are skipped, as Go keeps them unknown
            do throws(ProtobufError) {
                switch field.type {
                case .map(let valueType):
                    guard case .bytes(let entry) = value else { throw ProtobufError("map entry is not length-delimited") }
                    maps[number, default: []].append(try mapEntry(entry, valueType: valueType))
                case .message(let type):
                    guard case .bytes(let data) = value else { throw ProtobufError("wrong wire type for a message") }
                    if field.repeated { lists[number, default: []].append(try decode(data, message: type)) }
                    else { chunks[number, default: []].append(contentsOf: data) }
                default:
                    if field.repeated { lists[number, default: []].append(contentsOf: try Self.scalars(value, type: field.type)) }
                    else { scalars[number] = value }
                }
            } catch { throw error.inField(field.name) }
        }
        var object: JSONValue = [:]
        for field in message.fields {
            do throws(ProtobufError) {
                switch field.type {
                case .map:
                    guard let entries = maps[field.number], !entries.isEmpty else { continue }
                    var map: JSONValue = [:]
                    for (key, value) in entries { map[key] = value }
                    object[field.name] = map
                case .message(let type) where !field.repeated:
                    guard let data = chunks[field.number] else { continue }
                    let value = try decode(data[...], message: type)
                    if field.inline {
                        for (key, inner) in value.objectValue ?? [:] { object[key] = inner }
                    } else {
                        object[field.name] = value
                    }
                default:
                    if field.repeated {
                        if let list = lists[field.number], !list.isEmpty { object[field.name] = .array(list) }
                    } else if let raw = scalars[field.number] {
                        guard let value = try Self.scalars(raw, type: field.type).first else { continue }
                        if field.keepsZero || !Self.isZero(value) { object[field.name] = value }
                    }
                }
            } catch { throw error.inField(field.name) }
        }
        return object
    }

    private func mapEntry(_ entry: ArraySlice<UInt8>, valueType: ProtobufSchema.FieldType) throws(ProtobufError) -> (String, JSONValue) {
        var key = ""
        var value: JSONValue?
        var reader = ProtobufWireReader(entry)
        while let (number, raw) = try reader.next() {
            if number == 1 {
                guard case .bytes(let text) = raw else { throw ProtobufError("map key is not a string") }
                key = try Self.string(text, field: "key")
            } else if number == 2 {
                if case .message(let type) = valueType {
                    guard case .bytes(let data) = raw else { throw ProtobufError("map value of key \"\(key)\" is not a message") }
                    value = try decode(data, message: type)
                } else {
                    value = try Self.scalars(raw, type: valueType).first
                }
            }
        }
        if let value { return (key, value) }
        // An absent value is the zero value (Go marshals empty strings and zero quantities as just the key).
        switch valueType {
        case .message(let type): return (key, try decode([], message: type))
        case .bool: return (key, false)
        case .int, .uint: return (key, 0)
        case .double, .float: return (key, .double(0))
        default: return (key, "")
        }
    }

    /// The values of a scalar field (several when a repeated numeric field is packed).
    static func scalars(_ value: ProtobufWireReader.Value, type: ProtobufSchema.FieldType) throws(ProtobufError) -> [JSONValue] {
        switch (type, value) {
        case (.string, .bytes(let data)): return [.string(try string(data, field: nil))]
        case (.bytes, .bytes(let data)): return [.string(Data(data).base64EncodedString())]
        case (.bool, .varint(let v)): return [.bool(v != 0)]
        case (.int, .varint(let v)): return [.int(Int64(bitPattern: v))]
        case (.uint, .varint(let v)):
            guard let int = Int64(exactly: v) else { throw ProtobufError("value \(v) is out of range") }
            return [.int(int)]
        case (.double, .fixed64(let v)): return [.double(Double(bitPattern: v))]
        case (.float, .fixed32(let v)): return [.double(Double(Float(bitPattern: v)))]
        case (.int, .bytes(let data)), (.uint, .bytes(let data)), (.bool, .bytes(let data)),
             (.double, .bytes(let data)), (.float, .bytes(let data)):
            // A packed repeated field.
            var reader = ProtobufWireReader(data)
            var out: [JSONValue] = []
            while !reader.isAtEnd {
                switch type {
                case .double: out += try scalars(.fixed64(try reader.fixed(8)), type: type)
                case .float: out += try scalars(.fixed32(UInt32(truncatingIfNeeded: try reader.fixed(4))), type: type)
                default:
                    out += try scalars(.varint(try reader.varint()), type: type)
                }
            }
            return out
        default:
            throw ProtobufError("wrong wire type for a \(type) value")
        }
    }

    static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): return s.isEmpty
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        default: return false
        }
    }

    static func string(_ bytes: ArraySlice<UInt8>, field: String?) throws(ProtobufError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProtobufError(field.map { "field \($0): invalid UTF-8 in string" } ?? "invalid UTF-8 in string")
        }
        return text
    }
}
