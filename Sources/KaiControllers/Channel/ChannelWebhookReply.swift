import JSON

/// What the webhook receiver answers: a status code and `{"message": ...}`.
struct ChannelWebhookReply: Sendable, Equatable {
    var status: Int
    var message: String
    var result: ChannelWebhookResult

    var body: [UInt8] { JSONValue.object(["message": .string(message)]).serializedBytes() }
}
