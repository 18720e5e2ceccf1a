import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile
import KubeWatch
import Logging

/// The logic of `POST /api/webhooks/kernel` (seed `000`, section 7), apart from HTTP.
///
/// | request | answer |
/// |---|---|
/// | webhook token configured, no `Authorization: Bearer <token>` | 401 |
/// | body over the limit | 413 |
/// | not a JSON object, or `channelId` / `event` missing | 400 `Missing required fields` |
/// | `channelId` matches no Channel (its `contextID`, or `<namespace>/<name>`) | 404 `Channel not found` |
/// | the Channel cache has not synced yet (just started) | 503 |
/// | `qdrant-collection-created` / `qdrant-collection-failed` | 200, status update and Event |
/// | any other event | 200, a warning (log and Event), nothing changed |
final class ChannelWebhookHandler: Sendable {
    static let createdEvent = "qdrant-collection-created"
    static let failedEvent = "qdrant-collection-failed"

    let client: KubeClient
    let cache: ChannelCache
    let writes: ChannelWrites
    let tokens: ChannelTokenResolver
    let token: ChannelTokenSource
    let recorder: EventRecorder
    let metrics: ChannelMetrics
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger
    let lock = ChannelKeyedLock()

    /// The Channel was deleted while its event waited for the lock.
    struct Gone: Error {}

    init(client: KubeClient, cache: ChannelCache, writes: ChannelWrites, tokens: ChannelTokenResolver, token: ChannelTokenSource,
         recorder: EventRecorder, metrics: ChannelMetrics, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date,
         logger: Logger) {
        self.client = client
        self.cache = cache
        self.writes = writes
        self.tokens = tokens
        self.token = token
        self.recorder = recorder
        self.metrics = metrics
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Checks the caller's token; nil when it may go on.
    func authorize(_ authorization: String?) async -> ChannelWebhookReply? {
        let expected: String?
        do { expected = try await tokens.token(token) } catch {
            logger.error("cannot read the webhook token", metadata: ["source": "\(token)", "error": "\(error)"])
            return reply(500, "The webhook token is not available", .error, event: "none")
        }
        guard let expected, !expected.isEmpty else { return nil }
        guard let authorization, Self.constantTimeEquals(authorization, "Bearer " + expected) else {
            return reply(401, "Unauthorized", .unauthorized, event: "none")
        }
        return nil
    }

    /// A body over the limit.
    func tooLarge(limit: Int) -> ChannelWebhookReply {
        reply(413, "Request body is larger than \(limit) bytes", .tooLarge, event: "none")
    }

    /// Handles an authorized request's body.
    func handle(body: [UInt8]) async -> ChannelWebhookReply {
        guard let json = try? JSONValue(parsing: body), json.objectValue != nil else {
            return reply(400, "Request body must be a JSON object {channelId, event, status, error}", .badRequest, event: "none")
        }
        guard let channelID = json["channelId"]?.stringValue, !channelID.isEmpty,
              let event = json["event"]?.stringValue, !event.isEmpty else {
            return reply(400, "Missing required fields", .badRequest, event: "none")
        }
        let known = event == Self.createdEvent || event == Self.failedEvent
        let eventLabel = known ? event : "unknown"
        // Before the first list, "not found" would be a guess: ask the sender to come back.
        guard cache.hasSynced else {
            return reply(503, "The operator is starting; try again shortly", .error, event: eventLabel)
        }
        guard let found = lookUp(channelID) else {
            logger.info("webhook for an unknown channel", metadata: ["channelId": "\(channelID)", "event": "\(event)"])
            return reply(404, "Channel not found", .notFound, event: eventLabel)
        }
        let meta = ObjectMeta(metadataOf: found)
        guard known else {
            logger.warning("unknown webhook event", metadata: ["channelId": "\(channelID)", "event": "\(event)"])
            record(meta, .warning, Channel.Reason.unknownWebhookEvent, note: "The kernel service sent the unknown event \"\(event)\"; ignored")
            return reply(200, "Webhook processed successfully", .unknownEvent, event: eventLabel)
        }
        let phase: ChannelPhase = event == Self.createdEvent ? .created : .failed
        let error = json["error"]?.stringValue
        let key = meta.uid ?? channelID
        do {
            try await lock.withLock(key) {
                let time = self.now()
                let current = self.cache.channel(ObjectKey(namespace: meta.namespace, name: meta.name ?? "")) ?? found
                guard let latest = self.writes.current(current, now: time) else { throw Gone() }
                let written = try await ChannelStatusWriter.write(latest, client: self.client,
                                                                  clock: self.clock, now: time, generation: nil) { builder in
                    builder.collection(phase, error: error)
                }
                self.writes.record(written, now: time)
            }
        } catch is Gone {
            return reply(404, "Channel not found", .notFound, event: eventLabel)
        } catch {
            logger.error("cannot write the collection status", metadata: ["channel": "\(meta.namespace ?? "")/\(meta.name ?? "")",
                                                                             "error": "\(error)"])
            return reply(500, "Cannot update the Channel's status: \(error)", .error, event: eventLabel)
        }
        if phase == .created {
            record(meta, .normal, Channel.Reason.collectionCreated, note: "The kernel service created the Qdrant collection")
        } else {
            record(meta, .warning, Channel.Reason.collectionFailed,
                   note: "The kernel service failed to create the Qdrant collection: \(error ?? "Unknown error")")
        }
        return reply(200, "Webhook processed successfully", .accepted, event: eventLabel)
    }

    /// By `contextID` (the Channel's uid), else by `<namespace>/<name>`.
    func lookUp(_ channelID: String) -> JSONValue? {
        if let found = cache.channel(uid: channelID) { return found }
        guard channelID.contains("/"), let key = ObjectKey(parsing: channelID), key.namespace != nil else { return nil }
        return cache.channel(key)
    }

    func record(_ meta: ObjectMeta, _ type: EventType, _ reason: String, note: String) {
        guard let reference = ObjectReference(resource: Channel.resource, metadata: meta) else { return }
        recorder.record(type, regarding: reference, reason: reason, action: "ReceiveWebhook", note: note)
    }

    func reply(_ status: Int, _ message: String, _ result: ChannelWebhookResult, event: String) -> ChannelWebhookReply {
        metrics.webhookEvent(event: event, result: result)
        return ChannelWebhookReply(status: status, message: message, result: result)
    }

    /// Compares without stopping at the first difference, so the time taken does not tell
    /// how much of a guessed token was right.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
