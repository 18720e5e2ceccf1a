import Foundation
import OrderedCollections

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        // A decoder cannot be asked what comes next, so each kind is tried in turn, and every
        // miss costs a thrown DecodingError (with its coding path and message): the most common
        // kinds go first. Objects first: `managedFields`, decoded with every object a client
        // reads, is a tree of objects. A JSON string, bool and number never decode as one
        // another, so trying strings before the others changes no result; Int64 must stay
        // before Double so that integers stay `.int`.
        if let o = try? c.decode([String: JSONValue].self) {
            // Keyed containers are unordered; sort for a stable result.
            self = .object(.init(uniqueKeysWithValues: o.sorted { $0.key < $1.key }))
            return
        }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(OrderedObject(o))
        }
    }
}

/// Encodes an ordered object through a keyed container so key order is kept
/// by encoders that preserve insertion order.
private struct OrderedObject: Encodable {
    let storage: OrderedDictionary<String, JSONValue>
    init(_ s: OrderedDictionary<String, JSONValue>) { storage = s }
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in storage { try c.encode(v, forKey: Key(stringValue: k)) }
    }
}



extension JSONValue {
    /// Converts any `Encodable` into a value (through JSON text).
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        self = try JSONValue(parsing: [UInt8](data))
    }

    /// Decodes this value into a `Decodable` type. Errors name the JSON path.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(serialized().utf8))
    }
}
