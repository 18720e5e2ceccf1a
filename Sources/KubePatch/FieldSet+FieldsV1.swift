public import JSON
import OrderedCollections

extension FieldSet {
    /// Decodes the `fieldsV1` of a managedFields entry:
    /// `{"f:spec":{".":{},"f:size":{}}}` is the set `{.spec, .spec.size}`.
    ///
    /// Keys of unknown kinds are skipped (a newer server may know them).
    /// - Throws: 400 BadRequest naming the malformed key.
    public init(fieldsV1: JSONValue) throws(PatchError) {
        guard case .object(let members) = fieldsV1 else {
            throw .badRequest("fieldsV1 must be an object, not \(fieldsV1.typeName)")
        }
        self = try FieldSet.decode(members, at: [])
    }

    private static func decode(_ members: OrderedDictionary<String, JSONValue>, at path: [PathElement]) throws(PatchError) -> FieldSet {
        var set = FieldSet()
        for (key, value) in members where key != "." {
            guard let element = try PathElement(fieldsV1Key: key, at: path) else { continue }
            guard case .object(let childMembers) = value else {
                throw .badRequest("fieldsV1 entry \(FieldPath(path + [element])) must be an object, not \(value.typeName)")
            }
            let child = try decode(childMembers, at: path + [element])
            // An element with nothing below it, or marked ".", is itself in the set.
            if child.isEmpty || childMembers["."] != nil { set.members.insert(element) }
            if !child.isEmpty { set.children[element] = child }
        }
        return set
    }

    /// The set as `fieldsV1`: `"."` first for elements that are both members
    /// and parents, then elements in structured-merge-diff order.
    public var fieldsV1: JSONValue {
        var out = OrderedDictionary<String, JSONValue>()
        let elements = Set(members).union(children.keys).sorted()
        for element in elements {
            if let child = children[element] {
                var node = OrderedDictionary<String, JSONValue>()
                if members.contains(element) { node["."] = .emptyObject }
                for (key, value) in child.fieldsV1.objectValue ?? [:] { node[key] = value }
                out[element.fieldsV1Key] = .object(node)
            } else {
                out[element.fieldsV1Key] = .emptyObject
            }
        }
        return .object(out)
    }
}

extension PathElement {
    /// Parses a `fieldsV1` key; nil for a kind this code does not know.
    init?(fieldsV1Key key: String, at path: [PathElement]) throws(PatchError) {
        func bad(_ why: String) -> PatchError {
            .badRequest("invalid fieldsV1 key \(JSONValue.string(key).serialized()) under \(FieldPath(path).description.isEmpty ? "the root" : FieldPath(path).description): \(why)")
        }
        guard key.count >= 2 else { throw bad("a key is a kind letter, a colon and a value") }
        let kind = key.prefix(2)
        let body = String(key.dropFirst(2))
        switch kind {
        case "f:":
            self = .field(body)
        case "k:":
            let parsed: JSONValue
            do { parsed = try JSONValue(parsing: body) } catch { throw bad("\(error)") }
            guard case .object(let fields) = parsed else { throw bad("a list-map key must be a JSON object") }
            self = .key(fields.map { ($0.key, $0.value) })
        case "v:":
            do { self = .value(try JSONValue(parsing: body)) } catch { throw bad("\(error)") }
        case "i:":
            guard let index = Int(body) else { throw bad("an index must be an integer") }
            self = .index(index)
        default:
            guard kind.hasSuffix(":") else { throw bad("missing colon") }
            return nil
        }
    }
}
