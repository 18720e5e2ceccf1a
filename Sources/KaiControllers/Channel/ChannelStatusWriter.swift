import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile
import KubeWatch

/// The status write shared by the reconciler and the webhook.
enum ChannelStatusWriter {
    static func write(_ object: JSONValue, client: KubeClient, clock: any Clock<Duration>, now: Date, generation: Int64?,
                      _ transform: (inout ChannelStatusBuilder) -> Void) async throws -> JSONValue {
        let meta = ObjectMeta(metadataOf: object)
        guard let name = meta.name else { throw InvalidObjectError(object: "Channel", field: "metadata.name", reason: "required to update the status") }
        return try await StatusUpdater.update(Channel.resource, name: name, namespace: meta.namespace, client: client, current: object,
                                              backoff: .zero, clock: clock) { status, _ in
            // A status this version cannot read (hand-edited) is rebuilt rather than blocking every write.
            let current = try? status.decode(ChannelStatus.self)
            var builder = ChannelStatusBuilder(current, generation: generation, now: now)
            transform(&builder)
            builder.finish()
            status = try JSONValue(encoding: builder.status)
        }
    }
}
