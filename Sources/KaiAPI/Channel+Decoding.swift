import Foundation
public import JSON

extension Channel {
    /// Decodes a Channel held as JSON (what the operator's cache keeps), turning a field of
    /// the wrong type into a ``ChannelValidationError`` that names it.
    public static func decode(_ object: JSONValue) throws(ChannelValidationError) -> Channel {
        do {
            return try JSONDecoder().decode(Channel.self, from: Data(object.serializedBytes()))
        } catch let error as DecodingError {
            throw ChannelValidationError(decoding: error)
        } catch {
            throw ChannelValidationError(field: "<root>", message: "\(error)")
        }
    }
}

extension ChannelValidationError {
    /// The field and reason of a decoding failure (`spec.kernel.temperature: expected a number`).
    init(decoding error: DecodingError) {
        func render(_ path: [any CodingKey]) -> String {
            var out = ""
            for key in path {
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out.isEmpty ? "<root>" : out
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(field: render(context.codingPath), message: "expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            self.init(field: render(context.codingPath), message: "expected \(Self.describe(type)), found null")
        case .keyNotFound(let key, let context):
            self.init(field: render(context.codingPath + [key]), message: "required field is missing")
        case .dataCorrupted(let context):
            self.init(field: render(context.codingPath), message: context.debugDescription)
        @unknown default:
            self.init(field: "<root>", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type: return "a number"
        case is Int64.Type, is Int.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
            return name
        }
    }
}
