public import JSON
import OrderedCollections

/// JSON patch (RFC 6902, `application/json-patch+json`) with the semantics of
/// the library the API server uses (evanphx/json-patch v4): operations apply
/// in order to a copy, and the first failure rejects the whole patch.
public enum JSONPatch {
    /// Applies the operations array `operations` to `target`.
    ///
    /// - Throws: 400 BadRequest when `operations` is not an array of operation
    ///   objects (with the Go decoding message the server prints); the generic
    ///   422 the server answers for an operation that does not apply, with the
    ///   reason in `PatchError.detail`.
    public static func apply(_ operations: JSONValue, to target: JSONValue) throws(PatchError) -> JSONValue {
        let ops = try decode(operations)
        var document = target
        for (index, op) in ops.enumerated() {
            do {
                try op.apply(to: &document)
            } catch let error {
                throw .rejected("operation \(index) (\(op.name) \(op.pathDescription)): \(error.reason)")
            }
        }
        return document
    }

    /// One decoded operation; fields stay optional because the API server
    /// decodes leniently and lets the patch library report what is missing.
    struct Operation {
        var name: String
        var path: String?
        var from: String?
        var value: JSONValue?

        var pathDescription: String { path.map { "\"\($0)\"" } ?? "without path" }
    }

    /// Why an operation does not apply (kept in `PatchError.detail`).
    struct OperationFailure: Error {
        var reason: String
    }

    static func decode(_ operations: JSONValue) throws(PatchError) -> [Operation] {
        let prefix = "error decoding patch: json: cannot unmarshal"
        switch operations {
        case .null: return []
        case .array(let items):
            var ops: [Operation] = []
            for item in items {
                switch item {
                case .null:
                    ops.append(Operation(name: ""))
                case .object(let members):
                    var op = Operation(name: "")
                    for (key, field) in members {
                        switch key {
                        case "op", "path", "from":
                            guard case .string(let text) = field else {
                                if field.isNull { continue }
                                throw .badRequest("\(prefix) \(goTypeName(field)) into Go struct field jsonPatchOp.\(key) of type string")
                            }
                            if key == "op" { op.name = text } else if key == "path" { op.path = text } else { op.from = text }
                        case "value":
                            op.value = field
                        default:
                            continue
                        }
                    }
                    ops.append(op)
                default:
                    throw .badRequest("\(prefix) \(goTypeName(item)) into Go value of type handlers.jsonPatchOp")
                }
            }
            return ops
        default:
            throw .badRequest("\(prefix) \(goTypeName(operations)) into Go value of type []handlers.jsonPatchOp")
        }
    }

    /// The JSON type name Go's `encoding/json` uses in unmarshal errors.
    static func goTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONPatch.Operation {
    typealias Failure = JSONPatch.OperationFailure

    func apply(to document: inout JSONValue) throws(Failure) {
        guard let path else { throw Failure(reason: "operation missing path field") }
        switch name {
        case "add":
            try JSONPointer(path).add(value ?? .null, in: &document, op: "add")
        case "remove":
            _ = try JSONPointer(path).remove(from: &document, op: "remove")
        case "replace":
            try JSONPointer(path).replace(with: value ?? .null, in: &document)
        case "move":
            guard let from else { throw Failure(reason: "move operation missing from field") }
            let moved = try JSONPointer(from).remove(from: &document, op: "move")
            try JSONPointer(path).add(moved, in: &document, op: "move")
        case "copy":
            guard let from else { throw Failure(reason: "copy operation missing from field") }
            let copied = try JSONPointer(from).get(in: document, op: "copy")
            try JSONPointer(path).add(copied, in: &document, op: "copy")
        case "test":
            try JSONPointer(path).test(value, in: document)
        default:
            throw Failure(reason: "Unexpected kind: \(name)")
        }
    }
}
