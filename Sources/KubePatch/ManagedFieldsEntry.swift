public import JSON
import OrderedCollections

/// One entry of `metadata.managedFields`: the fields one manager owns
/// through one kind of operation.
public struct ManagedFieldsEntry: Sendable, Equatable, Codable {
    /// The field manager (`?fieldManager=`, or the User-Agent up to the first `/`).
    public var manager: String
    /// `Apply` (server-side apply) or `Update` (create, update, other patches).
    public var operation: String
    /// The API version the fields were written with.
    public var apiVersion: String
    /// RFC 3339 time (second precision) of the last change the manager made;
    /// absent when an apply changed nothing.
    public var time: String?
    /// Always `FieldsV1`.
    public var fieldsType: String
    /// The owned fields, encoded as `FieldSet.fieldsV1`.
    public var fieldsV1: JSONValue
    /// `status` (or another subresource) when the write went there.
    public var subresource: String?

    public init(manager: String, operation: String, apiVersion: String, time: String?,
                fieldsType: String = "FieldsV1", fieldsV1: JSONValue, subresource: String? = nil) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = fieldsType
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }

    /// Decodes one element of `metadata.managedFields`.
    /// - Throws: 400 BadRequest naming the missing or malformed field.
    public init(json: JSONValue) throws(PatchError) {
        guard case .object(let o) = json else {
            throw .badRequest("managedFields entry must be an object, not \(json.typeName)")
        }
        func string(_ key: String) throws(PatchError) -> String? {
            guard let value = o[key], !value.isNull else { return nil }
            guard case .string(let s) = value else {
                throw .badRequest("managedFields entry field \(key) must be a string, not \(value.typeName)")
            }
            return s
        }
        manager = try string("manager") ?? ""
        operation = try string("operation") ?? ""
        apiVersion = try string("apiVersion") ?? ""
        time = try string("time")
        fieldsType = try string("fieldsType") ?? ""
        fieldsV1 = o["fieldsV1"] ?? .null
        subresource = try string("subresource").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The entry as the API server serializes it (Go struct field order,
    /// empty optional fields left out).
    public var json: JSONValue {
        var o = OrderedDictionary<String, JSONValue>()
        o["manager"] = .string(manager)
        o["operation"] = .string(operation)
        o["apiVersion"] = .string(apiVersion)
        if let time { o["time"] = .string(time) }
        o["fieldsType"] = .string(fieldsType)
        o["fieldsV1"] = fieldsV1
        if let subresource, !subresource.isEmpty { o["subresource"] = .string(subresource) }
        return .object(o)
    }

    /// The owned fields.
    /// - Throws: 400 BadRequest when `fieldsType` is not `FieldsV1` or the
    ///   encoding is malformed.
    public func fieldSet() throws(PatchError) -> FieldSet {
        guard fieldsType == "FieldsV1" else {
            throw .badRequest(fieldsType.isEmpty ? "missing fieldsType in managed fields entry"
                                                 : "invalid fieldsType \(JSONValue.string(fieldsType).serialized()) in managed fields entry")
        }
        return try FieldSet(fieldsV1: fieldsV1)
    }

    /// Reads `metadata.managedFields` of `object` (empty when absent).
    /// - Throws: 400 BadRequest for a malformed entry.
    public static func entries(of object: JSONValue) throws(PatchError) -> [ManagedFieldsEntry] {
        guard let list = object[path: "metadata", "managedFields"], !list.isNull else { return [] }
        guard case .array(let items) = list else {
            throw .badRequest("metadata.managedFields must be an array, not \(list.typeName)")
        }
        var entries: [ManagedFieldsEntry] = []
        for item in items { entries.append(try ManagedFieldsEntry(json: item)) }
        return entries
    }

    private enum CodingKeys: String, CodingKey {
        case manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        manager = try c.decodeIfPresent(String.self, forKey: .manager) ?? ""
        operation = try c.decodeIfPresent(String.self, forKey: .operation) ?? ""
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
        time = try c.decodeIfPresent(String.self, forKey: .time)
        fieldsType = try c.decodeIfPresent(String.self, forKey: .fieldsType) ?? ""
        fieldsV1 = try c.decodeIfPresent(JSONValue.self, forKey: .fieldsV1) ?? .null
        subresource = try c.decodeIfPresent(String.self, forKey: .subresource).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(manager, forKey: .manager)
        try c.encode(operation, forKey: .operation)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encodeIfPresent(time, forKey: .time)
        try c.encode(fieldsType, forKey: .fieldsType)
        try c.encode(fieldsV1, forKey: .fieldsV1)
        try c.encodeIfPresent(subresource, forKey: .subresource)
    }
}
