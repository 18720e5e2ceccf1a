/// `Channel.spec.kernelAPI.authSecretRef`: one key of a Secret in the Channel's namespace.
public struct ChannelSecretKeyRef: Codable, Sendable, Equatable, Hashable {
    /// The Secret's name.
    public var name: String
    /// The key in the Secret's `data` (default `token`).
    public var key: String

    /// The CRD's default key.
    public static let defaultKey = "token"

    public init(name: String, key: String = ChannelSecretKeyRef.defaultKey) {
        self.name = name
        self.key = key
    }

    enum CodingKeys: String, CodingKey { case name, key }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? Self.defaultKey
    }
}
