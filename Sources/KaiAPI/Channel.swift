public import KubeClient

/// A channel of the RAG widget (`kai.dev/v1alpha1` `Channel`, short name `kch`): the operator
/// keeps a kernel for it in the kernel API (see `docs/channel.md`).
public struct Channel: KubernetesResource, Codable, Sendable, Equatable {
    /// `channels.kai.dev`, namespaced.
    public static let resource = ResourceType(group: KaiGroup.group, version: KaiGroup.version, resource: "channels",
                                              kind: "Channel", namespaced: true)

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ChannelSpec
    /// nil until the API server defaults it (`{observedGeneration: -1}`) or the operator writes it.
    public var status: ChannelStatus?

    /// A Channel; `apiVersion` and `kind` are filled in.
    public init(metadata: ObjectMeta, spec: ChannelSpec, status: ChannelStatus? = nil) {
        apiVersion = KaiGroup.apiVersion
        kind = "Channel"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? KaiGroup.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? "Channel"
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decode(ChannelSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(ChannelStatus.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(spec, forKey: .spec)
        try c.encodeIfPresent(status, forKey: .status)
    }
}
