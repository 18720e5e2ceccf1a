public import JSON

/// One webhook the kernel API stand-in tried to deliver.
public struct WebhookDelivery: Sendable, Equatable {
    /// The contextId of the kernel whose creation triggered it.
    public var contextId: String
    /// Where it was sent.
    public var url: String
    /// The JSON body: `{channelId, event, status, error}`.
    public var body: JSONValue
    /// The receiver's status code, or nil when no answer came (see ``error``).
    public var statusCode: Int?
    /// The transport error, or nil when the receiver answered.
    public var error: String?

    /// A delivery record; see the properties.
    public init(contextId: String, url: String, body: JSONValue, statusCode: Int?, error: String?) {
        self.contextId = contextId
        self.url = url
        self.body = body
        self.statusCode = statusCode
        self.error = error
    }
}
