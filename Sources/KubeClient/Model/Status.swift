/// `metav1.Status`: what the API server answers for errors and some deletes.
public struct Status: Codable, Sendable, Equatable {
    public var kind: String?
    public var apiVersion: String?
    public var status: String?
    public var message: String?
    public var reason: String?
    public var details: StatusDetails?
    public var code: Int?

    public init(status: String? = nil, message: String? = nil, reason: String? = nil,
                details: StatusDetails? = nil, code: Int? = nil) {
        self.kind = "Status"
        self.apiVersion = "v1"
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// `metav1.StatusDetails`.
public struct StatusDetails: Codable, Sendable, Equatable {
    public var name: String?
    public var group: String?
    /// The resource plural for 404/409/403, the Kind for 422 (as the server does).
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?
}

/// `metav1.StatusCause`: one field error of a 422.
public struct StatusCause: Codable, Sendable, Equatable {
    public var reason: String?
    public var message: String?
    public var field: String?
}
