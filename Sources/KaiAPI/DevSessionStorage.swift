/// The session's workspace volume: a PersistentVolumeClaim mounted at `/workspace` in every
/// container, kept while the session is suspended.
public struct DevSessionStorage: Codable, Sendable, Equatable {
    /// A quantity (`10Gi` by default).
    public var size: String?
    /// The StorageClass; the cluster's default when omitted.
    public var storageClassName: String?

    public init(size: String? = nil, storageClassName: String? = nil) {
        self.size = size
        self.storageClassName = storageClassName
    }

    enum CodingKeys: String, CodingKey { case size, storageClassName }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size = try DevSessionQuantityCoding.decodeIfPresent(c, .size)
        storageClassName = try c.decodeIfPresent(String.self, forKey: .storageClassName)
    }
}
