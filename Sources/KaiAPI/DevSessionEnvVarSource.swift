/// `core/v1` `EnvVarSource`: a value read from a Secret, a ConfigMap, the pod or a resource.
public struct DevSessionEnvVarSource: Codable, Sendable, Equatable {
    /// A key of a Secret or a ConfigMap in the session's namespace.
    public struct KeySelector: Codable, Sendable, Equatable {
        public var name: String?
        public var key: String
        public var optional: Bool?

        public init(name: String? = nil, key: String, optional: Bool? = nil) {
            self.name = name
            self.key = key
            self.optional = optional
        }
    }

    /// A field of the pod (`metadata.name`, `status.podIP`...).
    public struct FieldSelector: Codable, Sendable, Equatable {
        public var apiVersion: String?
        public var fieldPath: String

        public init(apiVersion: String? = nil, fieldPath: String) {
            self.apiVersion = apiVersion
            self.fieldPath = fieldPath
        }
    }

    /// A container's resource limit or request (`limits.cpu`...).
    public struct ResourceFieldSelector: Codable, Sendable, Equatable {
        public var containerName: String?
        public var resource: String
        /// A quantity; integers are read as their decimal text.
        public var divisor: String?

        public init(containerName: String? = nil, resource: String, divisor: String? = nil) {
            self.containerName = containerName
            self.resource = resource
            self.divisor = divisor
        }

        enum CodingKeys: String, CodingKey { case containerName, resource, divisor }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            containerName = try c.decodeIfPresent(String.self, forKey: .containerName)
            resource = try c.decode(String.self, forKey: .resource)
            divisor = try DevSessionQuantityCoding.decodeIfPresent(c, .divisor)
        }
    }

    public var secretKeyRef: KeySelector?
    public var configMapKeyRef: KeySelector?
    public var fieldRef: FieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?

    public init(secretKeyRef: KeySelector? = nil, configMapKeyRef: KeySelector? = nil, fieldRef: FieldSelector? = nil,
                resourceFieldRef: ResourceFieldSelector? = nil) {
        self.secretKeyRef = secretKeyRef
        self.configMapKeyRef = configMapKeyRef
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
    }
}
