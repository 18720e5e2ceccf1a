public import JSON
import KaiAPI

extension DevSessionRenderer {
    /// The children of a DevSession given as a parsed YAML or JSON document, as
    /// `kai-operator render -f` reads it: the CRD's defaults apply to omitted fields.
    /// - Throws: ``DevSessionDocumentError`` naming the DevSession and the field that is
    ///   missing, of the wrong type, or unusable.
    public static func render(document: JSONValue) throws(DevSessionDocumentError) -> [JSONValue] {
        let name = document[path: "metadata", "name"]?.stringValue
        let object = name.map { "DevSession \($0)" } ?? "DevSession"
        guard document["apiVersion"]?.stringValue == DevSession.resource.apiVersion else {
            throw DevSessionDocumentError(object: object, field: "apiVersion",
                                          reason: "must be \(DevSession.resource.apiVersion), got \(document["apiVersion"]?.stringValue ?? "nothing")")
        }
        guard name?.isEmpty == false else {
            throw DevSessionDocumentError(object: object, field: "metadata.name", reason: "is required")
        }
        let session: DevSession
        do {
            session = try document.decode(DevSession.self)
        } catch let error as DecodingError {
            let (field, reason) = describe(error)
            throw DevSessionDocumentError(object: object, field: field, reason: reason)
        } catch {
            throw DevSessionDocumentError(object: object, field: "", reason: "\(error)")
        }
        do {
            return try render(session)
        } catch {
            throw DevSessionDocumentError(object: object, field: error.field,
                                          reason: (error.value.isEmpty ? "" : "\"\(error.value)\" ") + error.reason)
        }
    }

    /// `spec.preview.port` and a readable reason.
    static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce(into: "") { out, key in
                if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
        }
        switch error {
        case .keyNotFound(let key, let context): return (path(context.codingPath + [key]), "is required")
        case .typeMismatch(let type, let context): return (path(context.codingPath), "must be \(typeName(type))")
        case .valueNotFound(let type, let context): return (path(context.codingPath), "must be \(typeName(type)), not null")
        case .dataCorrupted(let context): return (path(context.codingPath), context.debugDescription)
        @unknown default: return ("", "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int64.Type, is Int32.Type, is Int.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        case is Double.Type: return "a number"
        default: return "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
