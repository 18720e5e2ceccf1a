/// `core/v1` `ResourceRequirements` of each session container: quantities by resource name.
public struct DevSessionResources: Codable, Sendable, Equatable {
    /// The most a container may use (`cpu: 2000m`, `memory: 4Gi`).
    public var limits: [String: String]?
    /// What the scheduler reserves for a container.
    public var requests: [String: String]?

    public init(limits: [String: String]? = nil, requests: [String: String]? = nil) {
        self.limits = limits
        self.requests = requests
    }

    enum CodingKeys: String, CodingKey { case limits, requests }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limits = try DevSessionQuantityCoding.decodeMapIfPresent(c, .limits)
        requests = try DevSessionQuantityCoding.decodeMapIfPresent(c, .requests)
    }
}
