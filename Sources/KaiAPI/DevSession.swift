public import KubeClient

/// `kai.dev/v1alpha1` DevSession (cluster-scoped, short name `kds`): an always-on development
/// environment for one project, as the seed's Helm chart `dev-session-template` installed it.
///
/// The operator renders a Namespace named after ``DevSessionSpec/projectUUID`` holding a
/// Deployment with the `preview`, `chat` and `vscode` containers, four Services, a workspace
/// PersistentVolumeClaim and an Ingress, and keeps them in place.
public struct DevSession: KubernetesResource, Codable, Sendable, Equatable {
    public static let resource = ResourceType(group: KaiGroup.group, version: KaiGroup.version,
                                              resource: "devsessions", kind: "DevSession", namespaced: false)

    /// Holds the DevSession until its Namespace is gone.
    public static let cleanupFinalizer = "kai.dev/devsession-cleanup"
    /// `"true"` lets a DevSession take over a Namespace that exists and is not owned by it.
    public static let adoptAnnotation = "kai.dev/adopt"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: DevSessionSpec
    public var status: DevSessionStatus?

    /// A DevSession with the given name and spec.
    public init(name: String, spec: DevSessionSpec, status: DevSessionStatus? = nil) {
        self.init(metadata: ObjectMeta(name: name), spec: spec, status: status)
    }

    /// A DevSession with full metadata.
    public init(metadata: ObjectMeta, spec: DevSessionSpec, status: DevSessionStatus? = nil) {
        apiVersion = KaiGroup.apiVersion
        kind = Self.resource.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes a DevSession; `apiVersion` and `kind` may be omitted (a hand-written file).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? KaiGroup.apiVersion
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.resource.kind
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decode(DevSessionSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(DevSessionStatus.self, forKey: .status)
    }

    /// `dev-session-<first 8 characters of projectUUID>`: the Helm release name of the seed,
    /// prefix of every child's name.
    public var releaseName: String { "dev-session-" + spec.projectUUID.prefix(8) }

    /// The namespace the session lives in: the project UUID.
    public var namespaceName: String { spec.projectUUID }
}
