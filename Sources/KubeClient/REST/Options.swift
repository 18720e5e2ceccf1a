/// Options of a LIST.
public struct ListOptions: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    public var limit: Int?
    public var `continue`: String?
    public var resourceVersion: String?
    /// `Exact` or `NotOlderThan`.
    public var resourceVersionMatch: String?
    public var timeoutSeconds: Int?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                continue token: String? = nil, resourceVersion: String? = nil, resourceVersionMatch: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continue = token
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
    }

    var query: [(name: String, value: String)] {
        var q: [(name: String, value: String)] = []
        if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(("fieldSelector", fieldSelector)) }
        if let limit { q.append(("limit", String(limit))) }
        if let token = self.continue, !token.isEmpty { q.append(("continue", token)) }
        if let resourceVersion { q.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { q.append(("resourceVersionMatch", resourceVersionMatch)) }
        if let timeoutSeconds { q.append(("timeoutSeconds", String(timeoutSeconds))) }
        return q
    }
}

/// Options of a WATCH.
public struct WatchOptions: Sendable, Equatable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Start after this version; nil starts "now" (with the current state first when `sendInitialEvents`).
    public var resourceVersion: String?
    public var resourceVersionMatch: String?
    public var allowWatchBookmarks = true
    /// Streaming initial list (`k8s.io/initial-events-end` bookmark marks its end).
    public var sendInitialEvents: Bool?
    /// Server-side timeout; the server closes the stream cleanly after it.
    public var timeoutSeconds: Int?

    public init(resourceVersion: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
                allowWatchBookmarks: Bool = true, sendInitialEvents: Bool? = nil, timeoutSeconds: Int? = nil) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.allowWatchBookmarks = allowWatchBookmarks
        self.sendInitialEvents = sendInitialEvents
        self.timeoutSeconds = timeoutSeconds
    }

    var query: [(name: String, value: String)] {
        var q: [(name: String, value: String)] = [("watch", "true")]
        if let labelSelector, !labelSelector.isEmpty { q.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { q.append(("fieldSelector", fieldSelector)) }
        if let resourceVersion { q.append(("resourceVersion", resourceVersion)) }
        if let resourceVersionMatch { q.append(("resourceVersionMatch", resourceVersionMatch)) }
        if allowWatchBookmarks { q.append(("allowWatchBookmarks", "true")) }
        if let sendInitialEvents { q.append(("sendInitialEvents", sendInitialEvents ? "true" : "false")) }
        if let timeoutSeconds { q.append(("timeoutSeconds", String(timeoutSeconds))) }
        return q
    }
}

/// Options shared by create, update and patch.
public struct WriteOptions: Sendable, Equatable {
    /// `?fieldManager=`; server-side apply requires it.
    public var fieldManager: String?
    /// `?dryRun=All`: validated and defaulted, not persisted.
    public var dryRun = false
    /// `?fieldValidation=` (`Strict`, `Warn`, `Ignore`).
    public var fieldValidation: String?
    /// Server-side apply: take over conflicting fields.
    public var force: Bool?

    public init(fieldManager: String? = nil, dryRun: Bool = false, fieldValidation: String? = nil, force: Bool? = nil) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
        self.force = force
    }

    var query: [(name: String, value: String)] {
        var q: [(name: String, value: String)] = []
        if dryRun { q.append(("dryRun", "All")) }
        if let fieldManager { q.append(("fieldManager", fieldManager)) }
        if let fieldValidation { q.append(("fieldValidation", fieldValidation)) }
        if let force { q.append(("force", force ? "true" : "false")) }
        return q
    }
}

/// Options of a DELETE.
public struct DeleteOptions: Sendable, Equatable {
    /// `Background`, `Foreground` or `Orphan`.
    public var propagationPolicy: String?
    public var gracePeriodSeconds: Int64?
    /// Delete only if the object still has this uid / resourceVersion.
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun = false

    public init(propagationPolicy: String? = nil, gracePeriodSeconds: Int64? = nil,
                preconditionUID: String? = nil, preconditionResourceVersion: String? = nil, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }
}

/// A patch body and its content type.
public enum Patch: Sendable {
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: an array of operations.
    case json([JSONValue])
    /// Strategic merge patch (built-in kinds only; custom resources answer 415).
    case strategic(JSONValue)
    /// Server-side apply: the full intent of `fieldManager` (required in ``WriteOptions``).
    case apply(JSONValue)

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategic: return "application/strategic-merge-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    var body: [UInt8] {
        switch self {
        case .merge(let v), .strategic(let v), .apply(let v): return v.serializedBytes()
        case .json(let ops): return JSONValue.array(ops).serializedBytes()
        }
    }
}

public import JSON
