import JSON

/// Query options of LIST and WATCH requests.
struct ListOptions: Sendable {
    var labelSelector = LabelSelector.everything
    var fieldSelector = FieldSelector.everything
    var limit: Int?
    var continueToken: String?
    var resourceVersion: String?
    var resourceVersionMatch: String?
    var allowWatchBookmarks = false
    var sendInitialEvents: Bool?
    var timeoutSeconds: Int?
}

/// A LIST answer before rendering (items in storage form).
struct ListResult: Sendable {
    var items: [JSONValue]
    var resourceVersion: Int64
    /// nil: no `continue` member (built-in lists without paging); "": present and empty.
    var continueToken: String?
    var remaining: Int?
}

/// The opaque paging token: base64url of `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`.
struct ContinueToken: Sendable, Equatable {
    var rv: Int64
    var start: String

    var encoded: String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(rv), "start": .string(start)]
        return Base64.encodeURL(json.serializedBytes())
    }

    init(rv: Int64, start: String) {
        self.rv = rv
        self.start = start
    }

    init(decoding text: String) throws(APIError) {
        guard let bytes = Base64.decodeURL(text) else {
            throw APIError.badRequest("invalid continue token: continue key is not valid: illegal base64 data")
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: bytes) } catch {
            let first = bytes.first.map { String($0, radix: 16) } ?? ""
            throw APIError.badRequest("invalid continue token: continue key is not valid: invalid character '\\x\(first)' looking for beginning of value")
        }
        guard json["v"]?.stringValue == "meta.k8s.io/v1" else {
            throw APIError.badRequest("invalid continue token: continue key is not valid: server does not recognize this encoded key")
        }
        guard let rv = json["rv"]?.intValue, let start = json["start"]?.stringValue else {
            throw APIError.badRequest("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        self.rv = rv
        self.start = start
    }
}

/// The keys of one storage sorted in etcd key order (`<namespace>/<name>`, bytewise), as of
/// resourceVersion `asOf`. Only creations and deletions change it, so it stays valid across
/// updates and is rebuilt at most once per changed key set instead of once per page.
struct ListKeyIndex: Sendable {
    var asOf: Int64
    var keys: [ObjectKey]

    init(asOf: Int64, keys: some Sequence<ObjectKey>) {
        self.asOf = asOf
        self.keys = keys.sorted { Self.precedes($0, $1) }
    }

    /// The etcd key below the resource prefix: `ns/name` (namespaced) or `name`.
    static func path(_ key: ObjectKey) -> String {
        key.namespace.isEmpty ? key.name : key.namespace + "/" + key.name
    }

    static func precedes(_ a: ObjectKey, _ b: ObjectKey) -> Bool {
        path(a).utf8.lexicographicallyPrecedes(path(b).utf8)
    }

    /// The first position whose key path is not below `path` (binary search).
    func lowerBound(_ path: String) -> Int {
        var low = 0
        var high = keys.count
        let target = Array(path.utf8)
        while low < high {
            let mid = (low + high) / 2
            if Self.path(keys[mid]).utf8.lexicographicallyPrecedes(target) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
