import JSON
import KaiAPI
import KubeCache
import KubeClient
import KubeReconcile
import KubeWatch
import Logging

/// The Channel controller's view of the cluster: Channels (as JSON, so one malformed object
/// cannot stop the cache, and the reconciler can say which field is wrong) and Secrets'
/// metadata, one informer each per watched namespace (or one for all namespaces).
///
/// Indexes: Channels by uid (the webhook's `channelId`) and by the Secret their
/// `spec.kernelAPI.authSecretRef` names (a changed Secret re-triggers its Channels).
final class ChannelCache: Sendable {
    static let uidIndex: IndexName = "channel-uid"
    static let authSecretIndex: IndexName = "channel-auth-secret"

    /// Channel informers by namespace; the key nil means all namespaces.
    let channels: [String?: Informer<JSONValue>]
    let secrets: [Informer<JSONValue>]

    init(client: KubeClient, namespaces: [String], clock: any Clock<Duration>, logger: Logger) throws {
        let scopes: [String?] = namespaces.isEmpty ? [nil] : namespaces.map { Optional($0) }
        let channelConfiguration = InformerConfiguration<JSONValue>(indexers: [
            Self.uidIndex: { object in [object[path: "metadata", "uid"]?.stringValue].compactMap { $0 } },
            Self.authSecretIndex: { object in
                guard let namespace = object[path: "metadata", "namespace"]?.stringValue,
                      let name = object[path: "spec", "kernelAPI", "authSecretRef", "name"]?.stringValue else { return [] }
                return ["\(namespace)/\(name)"]
            },
        ])
        // Only what identifies a Secret and tells that it changed: never its data.
        let secretConfiguration = InformerConfiguration<JSONValue>(transform: { secret in
            secret = ["apiVersion": "v1", "kind": "Secret", "metadata": secret["metadata"] ?? .emptyObject]
        })
        var channels: [String?: Informer<JSONValue>] = [:]
        var secrets: [Informer<JSONValue>] = []
        for scope in scopes {
            channels[scope] = try Informer(client: client, resource: Channel.resource, namespace: scope,
                                           configuration: channelConfiguration, clock: clock, logger: logger)
            secrets.append(try Informer(client: client, resource: .secrets, namespace: scope,
                                        configuration: secretConfiguration, clock: clock, logger: logger))
        }
        self.channels = channels
        self.secrets = secrets
    }

    /// Every Channel informer.
    var channelInformers: [Informer<JSONValue>] { channels.keys.sorted { ($0 ?? "") < ($1 ?? "") }.compactMap { channels[$0] } }

    /// The cached Channel with this key.
    func channel(_ key: ObjectKey) -> JSONValue? {
        let informer = channels[nil] ?? key.namespace.flatMap { channels[$0] }
        return informer?.store.get(name: key.name, namespace: key.namespace)
    }

    /// The cached Channel whose `metadata.uid` (its `contextID`) is `uid`.
    func channel(uid: String) -> JSONValue? {
        for informer in channelInformers {
            if let found = try? informer.store.list(index: Self.uidIndex, value: uid).first { return found }
        }
        return nil
    }

    /// The Channels whose `authSecretRef` names this Secret.
    func channels(referencingSecret namespace: String, name: String) -> [ObjectKey] {
        channelInformers.flatMap { informer in
            ((try? informer.store.list(index: Self.authSecretIndex, value: "\(namespace)/\(name)")) ?? [])
                .compactMap { ObjectKey(ObjectMeta(metadataOf: $0)) }
        }
    }

    /// True once every Channel informer has its first complete list.
    var hasSynced: Bool { channels.values.allSatisfy(\.hasSynced) }

    /// Every cached Channel.
    var allChannels: [JSONValue] { channelInformers.flatMap { $0.store.list() } }
}
