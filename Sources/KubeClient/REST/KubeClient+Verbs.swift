public import Foundation
public import JSON
public import KubeTransport

/// A LIST answer: `items` plus list metadata (`resourceVersion`, `continue`).
public struct ObjectList<Item: Decodable & Sendable>: Decodable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, items }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        // The server sends `"items": null` for some empty lists.
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}

/// What a DELETE did: the object is gone (`Status`), or it waits for finalizers
/// or foreground deletion (the object, with `deletionTimestamp`).
public enum DeleteResult<Object: Sendable>: Sendable {
    case deleted(Status?)
    case pending(Object)
}

/// `autoscaling/v1` Scale, the `scale` subresource.
public struct Scale: Codable, Sendable, Equatable {
    public struct Spec: Codable, Sendable, Equatable { public var replicas: Int32? }
    public struct State: Codable, Sendable, Equatable { public var replicas: Int32; public var selector: String? }
    public var apiVersion: String? = "autoscaling/v1"
    public var kind: String? = "Scale"
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: State?
}

// MARK: - Untyped verbs

extension KubeClient {
    func namespaceFor(_ resource: ResourceType, _ namespace: String?) -> String? {
        resource.namespaced ? (namespace ?? configuration.namespace) : nil
    }

    /// GET one object.
    public func get(_ resource: ResourceType, name: String, namespace: String? = nil,
                    subresource: String? = nil) async throws(KubeError) -> JSONValue {
        let request = KubeRequest(method: "GET", path: resource.path(namespace: namespaceFor(resource, namespace), name: name, subresource: subresource))
        return try parse(try await send(request), request)
    }

    /// LIST a collection; `namespace: nil` lists across all namespaces.
    /// - Parameter decoding: with ``DecodingOptions/skipManagedFields`` every item's
    ///   `metadata.managedFields` is removed as soon as the page is parsed (JSON values are parsed
    ///   whole, so this saves memory, not parsing time); string interning does not apply to JSON.
    public func list(_ resource: ResourceType, namespace: String? = nil,
                     options: ListOptions = ListOptions(), decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> JSONValue {
        let request = KubeRequest(method: "GET", path: resource.path(namespace: resource.namespaced ? namespace : nil), query: options.query)
        var list = try parse(try await send(request), request)
        if decoding.skipManagedFields { list.removeManagedFieldsOfItems() }
        return list
    }

    /// POST a new object (namespace from the object, else the argument, else the default).
    public func create(_ resource: ResourceType, _ object: JSONValue, namespace: String? = nil,
                       options: WriteOptions = WriteOptions()) async throws(KubeError) -> JSONValue {
        let ns = namespaceFor(resource, object[path: "metadata", "namespace"]?.stringValue ?? namespace)
        var request = KubeRequest(method: "POST", path: resource.path(namespace: ns), query: options.query,
                                  body: object.serializedBytes(), contentType: "application/json")
        request.accept = "application/json"
        return try parse(try await send(request), request)
    }

    /// PUT an object (or its `status`); `metadata.resourceVersion` makes it a compare-and-swap.
    public func update(_ resource: ResourceType, _ object: JSONValue, subresource: String? = nil,
                       options: WriteOptions = WriteOptions()) async throws(KubeError) -> JSONValue {
        guard let name = object[path: "metadata", "name"]?.stringValue else {
            throw .configuration("update of \(resource.qualifiedName): metadata.name is required")
        }
        let ns = namespaceFor(resource, object[path: "metadata", "namespace"]?.stringValue)
        let request = KubeRequest(method: "PUT", path: resource.path(namespace: ns, name: name, subresource: subresource),
                                  query: options.query, body: object.serializedBytes(), contentType: "application/json")
        return try parse(try await send(request), request)
    }

    /// PATCH an object (or a subresource) with any patch type, including server-side apply.
    public func patch(_ resource: ResourceType, name: String, namespace: String? = nil, _ patch: Patch,
                      subresource: String? = nil, options: WriteOptions = WriteOptions()) async throws(KubeError) -> JSONValue {
        if case .apply = patch, options.fieldManager == nil {
            throw .configuration("server-side apply of \(resource.qualifiedName) \(name): a fieldManager is required")
        }
        let request = KubeRequest(method: "PATCH", path: resource.path(namespace: namespaceFor(resource, namespace), name: name, subresource: subresource),
                                  query: options.query, body: patch.body, contentType: patch.contentType)
        return try parse(try await send(request), request)
    }

    /// DELETE an object.
    public func delete(_ resource: ResourceType, name: String, namespace: String? = nil,
                       options: DeleteOptions = DeleteOptions()) async throws(KubeError) -> DeleteResult<JSONValue> {
        let request = deleteRequest(resource.path(namespace: namespaceFor(resource, namespace), name: name), options)
        let value = try parse(try await send(request), request)
        if value["kind"]?.stringValue == "Status" { return .deleted(try? value.decode(Status.self)) }
        return .pending(value)
    }

    /// DELETE every object of a collection that matches the selectors.
    public func deleteCollection(_ resource: ResourceType, namespace: String? = nil, listOptions: ListOptions = ListOptions(),
                                 options: DeleteOptions = DeleteOptions()) async throws(KubeError) {
        var request = deleteRequest(resource.path(namespace: namespaceFor(resource, namespace)), options)
        request.query.append(contentsOf: listOptions.query)
        _ = try await send(request)
    }

    func deleteRequest(_ path: String, _ options: DeleteOptions) -> KubeRequest {
        var body: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let p = options.propagationPolicy { body["propagationPolicy"] = .string(p) }
        if let g = options.gracePeriodSeconds { body["gracePeriodSeconds"] = .int(g) }
        if options.preconditionUID != nil || options.preconditionResourceVersion != nil {
            var pre = JSONValue.emptyObject
            if let u = options.preconditionUID { pre["uid"] = .string(u) }
            if let r = options.preconditionResourceVersion { pre["resourceVersion"] = .string(r) }
            body["preconditions"] = pre
        }
        return KubeRequest(method: "DELETE", path: path, query: options.dryRun ? [("dryRun", "All")] : [],
                           body: body.serializedBytes(), contentType: "application/json")
    }

    func parse(_ response: HTTPResponse, _ request: KubeRequest) throws(KubeError) -> JSONValue {
        do { return try JSONValue(parsing: response.body) } catch {
            throw .decoding(url: configuration.server + request.pathAndQuery, path: "", message: error.description)
        }
    }

    /// Decodes a body into `T`; errors name the URL and the JSON path of the bad field.
    func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], decoding: DecodingOptions = DecodingOptions(),
                              url: @autoclosure () -> String) throws(KubeError) -> T {
        do {
            // A fresh decoder (and interner) per response: nothing is shared past it.
            return try decoding.makeDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error)
            throw .decoding(url: url(), path: path, message: message)
        } catch {
            throw .decoding(url: url(), path: "", message: "\(error)")
        }
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// `spec.items[2].name`-style path and a readable reason.
    static func describe(_ error: DecodingError) -> (String, String) {
        func render(_ path: [any CodingKey]) -> String {
            var out = ""
            for key in path {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out
        }
        switch error {
        case .typeMismatch(let type, let c): return (render(c.codingPath), "expected \(type): \(c.debugDescription)")
        case .valueNotFound(let type, let c): return (render(c.codingPath), "expected \(type), found null")
        case .keyNotFound(let key, let c): return (render(c.codingPath + [key]), "required field is missing")
        case .dataCorrupted(let c): return (render(c.codingPath), c.debugDescription)
        @unknown default: return ("", "\(error)")
        }
    }
}

// MARK: - Typed verbs

extension KubeClient {
    func encode<T: Encodable>(_ object: T) throws(KubeError) -> [UInt8] {
        do { return [UInt8](try Self.encoder.encode(object)) } catch {
            throw .configuration("cannot encode \(T.self): \(error)")
        }
    }

    func typedSend<T: Decodable>(_ request: KubeRequest, as: T.Type,
                                 decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> T {
        let response = try await send(request)
        return try decode(T.self, response.body, decoding: decoding, url: self.configuration.server + request.pathAndQuery)
    }

    /// GET one object of a typed kind.
    public func get<T: KubernetesResource>(_ type: T.Type, name: String, namespace: String? = nil) async throws(KubeError) -> T {
        let r = T.resource
        return try await typedSend(KubeRequest(method: "GET", path: r.path(namespace: namespaceFor(r, namespace), name: name)), as: T.self)
    }

    /// LIST a typed kind; `namespace: nil` lists across all namespaces.
    /// - Parameter decoding: what to leave out and whether equal strings of the page share
    ///   storage (default: everything decoded, as sent).
    public func list<T: KubernetesResource>(_ type: T.Type, namespace: String? = nil,
                                            options: ListOptions = ListOptions(),
                                            decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> ObjectList<T> {
        let r = T.resource
        return try await typedSend(KubeRequest(method: "GET", path: r.path(namespace: r.namespaced ? namespace : nil), query: options.query),
                                   as: ObjectList<T>.self, decoding: decoding)
    }

    /// LIST every page (following `continue`) of a typed kind.
    public func listAll<T: KubernetesResource>(_ type: T.Type, namespace: String? = nil,
                                               options: ListOptions = ListOptions(), pageSize: Int = 500,
                                               decoding: DecodingOptions = DecodingOptions()) async throws(KubeError) -> ObjectList<T> {
        var opts = options
        opts.limit = pageSize
        var page = try await list(T.self, namespace: namespace, options: opts, decoding: decoding)
        var items = page.items
        while let token = page.metadata.continue, !token.isEmpty {
            opts.continue = token
            page = try await list(T.self, namespace: namespace, options: opts, decoding: decoding)
            items.append(contentsOf: page.items)
        }
        page.items = items
        return page
    }

    /// POST a typed object.
    public func create<T: KubernetesResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws(KubeError) -> T {
        let r = T.resource
        let request = KubeRequest(method: "POST", path: r.path(namespace: namespaceFor(r, object.metadata.namespace)),
                                  query: options.query, body: try encode(object), contentType: "application/json")
        return try await typedSend(request, as: T.self)
    }

    /// PUT a typed object; its `metadata.resourceVersion` guards against lost updates (409).
    public func update<T: KubernetesResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws(KubeError) -> T {
        try await put(object, subresource: nil, options: options)
    }

    /// PUT the `status` subresource of a typed object.
    public func updateStatus<T: KubernetesResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws(KubeError) -> T {
        try await put(object, subresource: "status", options: options)
    }

    func put<T: KubernetesResource>(_ object: T, subresource: String?, options: WriteOptions) async throws(KubeError) -> T {
        let r = T.resource
        guard let name = object.metadata.name else { throw .configuration("update of \(r.qualifiedName): metadata.name is required") }
        let request = KubeRequest(method: "PUT", path: r.path(namespace: namespaceFor(r, object.metadata.namespace), name: name, subresource: subresource),
                                  query: options.query, body: try encode(object), contentType: "application/json")
        return try await typedSend(request, as: T.self)
    }

    /// PATCH a typed object or one of its subresources (`status`).
    public func patch<T: KubernetesResource>(_ type: T.Type, name: String, namespace: String? = nil, _ patch: Patch,
                                             subresource: String? = nil, options: WriteOptions = WriteOptions()) async throws(KubeError) -> T {
        let r = T.resource
        if case .apply = patch, options.fieldManager == nil {
            throw .configuration("server-side apply of \(r.qualifiedName) \(name): a fieldManager is required")
        }
        let request = KubeRequest(method: "PATCH", path: r.path(namespace: namespaceFor(r, namespace), name: name, subresource: subresource),
                                  query: options.query, body: patch.body, contentType: patch.contentType)
        return try await typedSend(request, as: T.self)
    }

    /// DELETE a typed object.
    public func delete<T: KubernetesResource>(_ type: T.Type, name: String, namespace: String? = nil,
                                              options: DeleteOptions = DeleteOptions()) async throws(KubeError) -> DeleteResult<T> {
        let r = T.resource
        let request = deleteRequest(r.path(namespace: namespaceFor(r, namespace), name: name), options)
        let response = try await send(request)
        let url = configuration.server + request.pathAndQuery
        if let value = try? JSONValue(parsing: response.body), value["kind"]?.stringValue == "Status" {
            return .deleted(try? value.decode(Status.self))
        }
        return .pending(try decode(T.self, response.body, url: url))
    }

    /// GET the `scale` subresource.
    public func getScale(_ resource: ResourceType, name: String, namespace: String? = nil) async throws(KubeError) -> Scale {
        let request = KubeRequest(method: "GET", path: resource.path(namespace: namespaceFor(resource, namespace), name: name, subresource: "scale"))
        return try await typedSend(request, as: Scale.self)
    }

    /// PUT the `scale` subresource.
    public func updateScale(_ resource: ResourceType, _ scale: Scale, options: WriteOptions = WriteOptions()) async throws(KubeError) -> Scale {
        guard let name = scale.metadata.name else { throw .configuration("scale update: metadata.name is required") }
        let request = KubeRequest(method: "PUT", path: resource.path(namespace: namespaceFor(resource, scale.metadata.namespace), name: name, subresource: "scale"),
                                  query: options.query, body: try encode(scale), contentType: "application/json")
        return try await typedSend(request, as: Scale.self)
    }

    /// GET `/version`.
    public func serverVersion() async throws(KubeError) -> ServerVersion {
        try await typedSend(KubeRequest(method: "GET", path: "/version"), as: ServerVersion.self)
    }
}

/// `/version`.
public struct ServerVersion: Codable, Sendable, Equatable {
    public var major: String
    public var minor: String
    public var gitVersion: String
    public var platform: String?
    public var goVersion: String?
}
