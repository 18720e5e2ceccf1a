/// How the webhook receiver answered one request: the `result` label of
/// `kai_channel_webhook_events_total`.
public enum ChannelWebhookResult: String, Sendable, Hashable, CaseIterable {
    /// 200: a known event, written to the Channel's status.
    case accepted
    /// 200: an event the operator does not know, ignored with a warning (as in the seed).
    case unknownEvent = "unknown_event"
    /// 400: not JSON, or `channelId` / `event` missing.
    case badRequest = "bad_request"
    /// 401: the webhook token is required and was not given.
    case unauthorized
    /// 404: no Channel has that `channelId`.
    case notFound = "not_found"
    /// 413: the body is over the limit.
    case tooLarge = "too_large"
    /// 500 or 503: the status could not be written, or the operator is still starting (the sender may retry).
    case error
}
