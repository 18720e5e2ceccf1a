public import KaiAPI

/// A DevSession's spec with every default applied and every value checked: what the renderer
/// and the reconciler work from.
///
/// The defaults are the CRD's (``DevSessionDefaults``), so a file rendered with
/// `kai-operator render -f` gives the same children as the object the API server stored.
public struct DevSessionSettings: Sendable, Equatable {
    public var projectUUID: String
    public var projectID: Int64
    public var userID: Int64
    /// `preview`, `chat`, `vscode`, in that order.
    public var endpoints: [DevSessionEndpoint]
    /// Quantities by resource name, each one valid.
    public var limits: [String: String]
    public var requests: [String: String]
    public var storageSize: String
    public var storageClassName: String?
    public var ingressEnabled: Bool
    public var ingressClassName: String?
    public var ingressHost: String?
    public var tlsSecretName: String?
    public var ingressAnnotations: [String: String]
    public var expiresAfter: Duration
    public var suspend: Bool
    /// What is allowed but risky, one sentence each (an image without a tag).
    public var warnings: [String]

    /// Applies the defaults to `spec` and checks every value.
    /// - Throws: ``DevSessionSpecError`` naming the first field that cannot be used.
    public init(_ spec: DevSessionSpec) throws(DevSessionSpecError) {
        guard Self.isLowercaseUUID(spec.projectUUID) else {
            throw DevSessionSpecError(field: "spec.projectUUID", value: spec.projectUUID,
                                      reason: "is not a lowercase UUID (it names the session's namespace)")
        }
        projectUUID = spec.projectUUID
        projectID = spec.projectID
        userID = spec.userID

        var endpoints: [DevSessionEndpoint] = []
        var warnings: [String] = []
        for name in DevSessionEndpoint.Name.allCases {
            let endpoint = try Self.endpoint(name, spec)
            if let other = endpoints.first(where: { $0.port == endpoint.port }) {
                throw DevSessionSpecError(field: "spec.\(name.rawValue).port", value: String(endpoint.port),
                                          reason: "is already the port of \(other.name.rawValue): the containers share the pod's network")
            }
            if endpoint.imageTag == nil, !endpoint.isPinnedByDigest {
                warnings.append("spec.\(name.rawValue).image \"\(endpoint.image)\" has no tag, so it runs :latest, which floats: pin a tag")
            }
            endpoints.append(endpoint)
        }
        self.endpoints = endpoints
        self.warnings = warnings

        let resources = spec.resources ?? DevSessionResources(limits: DevSessionDefaults.limits)
        limits = try Self.quantities(resources.limits ?? [:], field: "spec.resources.limits")
        requests = try Self.quantities(resources.requests ?? [:], field: "spec.resources.requests")
        for (name, request) in requests {
            guard let limit = limits[name], let limitValue = DevSessionQuantity(limit),
                  let requestValue = DevSessionQuantity(request), requestValue > limitValue else { continue }
            throw DevSessionSpecError(field: "spec.resources.requests.\(name)", value: request,
                                      reason: "must be less than or equal to the \(name) limit \(limit)")
        }

        storageSize = spec.storage?.size ?? DevSessionDefaults.storageSize
        guard let size = DevSessionQuantity(storageSize) else {
            throw DevSessionSpecError(field: "spec.storage.size", value: storageSize, reason: "is not a quantity (for example 10Gi)")
        }
        guard size.value > 0 else {
            throw DevSessionSpecError(field: "spec.storage.size", value: storageSize, reason: "must be greater than zero")
        }
        storageClassName = try Self.nonEmpty(spec.storage?.storageClassName, field: "spec.storage.storageClassName")

        let ingress = spec.ingress ?? DevSessionIngress()
        ingressEnabled = ingress.enabled ?? DevSessionDefaults.ingressEnabled
        ingressClassName = try Self.nonEmpty(ingress.className, field: "spec.ingress.className")
        if let host = ingress.host, !Self.isIngressHost(host) {
            throw DevSessionSpecError(field: "spec.ingress.host", value: host,
                                      reason: "is not a lowercase DNS name (a leading `*.` wildcard is allowed)")
        }
        ingressHost = ingress.host
        tlsSecretName = try Self.nonEmpty(ingress.tlsSecretName, field: "spec.ingress.tlsSecretName")
        ingressAnnotations = ingress.annotations ?? [:]

        let expiresAfterText = spec.expiresAfter ?? DevSessionDefaults.expiresAfter
        guard let expiresAfter = DevSessionDuration.parse(expiresAfterText) else {
            throw DevSessionSpecError(field: "spec.expiresAfter", value: expiresAfterText,
                                      reason: "is not a duration (for example 8760h, 90m or 1h30m)")
        }
        self.expiresAfter = expiresAfter
        suspend = spec.suspend ?? DevSessionDefaults.suspend
    }

    /// The endpoint called `name`.
    public func endpoint(_ name: DevSessionEndpoint.Name) -> DevSessionEndpoint {
        endpoints.first { $0.name == name } ?? endpoints[0]
    }

    static func endpoint(_ name: DevSessionEndpoint.Name, _ spec: DevSessionSpec) throws(DevSessionSpecError) -> DevSessionEndpoint {
        let field = "spec.\(name.rawValue)"
        let container: DevSessionContainer?
        let defaults: (image: String, port: Int32, path: String)
        switch name {
        case .preview:
            container = spec.preview
            defaults = (DevSessionDefaults.previewImage, DevSessionDefaults.previewPort, DevSessionDefaults.previewPath)
        case .chat:
            container = spec.chat
            defaults = (DevSessionDefaults.chatImage, DevSessionDefaults.chatPort, DevSessionDefaults.chatPath)
        case .vscode:
            container = spec.vscode
            defaults = (DevSessionDefaults.vscodeImage, DevSessionDefaults.vscodePort, DevSessionDefaults.vscodePath)
        }
        let image = container?.image ?? defaults.image
        guard !image.isEmpty, !image.contains(where: \.isWhitespace) else {
            throw DevSessionSpecError(field: "\(field).image", value: image, reason: "is not an image reference")
        }
        let port = container?.port ?? defaults.port
        guard (1...65535).contains(port) else {
            throw DevSessionSpecError(field: "\(field).port", value: String(port), reason: "must be between 1 and 65535")
        }
        let env = container?.env ?? []
        var names = Set<String>()
        for (index, variable) in env.enumerated() {
            let path = "\(field).env[\(index)]"
            guard !variable.name.isEmpty else {
                throw DevSessionSpecError(field: "\(path).name", value: "", reason: "is required")
            }
            guard names.insert(variable.name).inserted else {
                throw DevSessionSpecError(field: "\(path).name", value: variable.name, reason: "is defined twice")
            }
            if let source = variable.valueFrom {
                guard variable.value == nil else {
                    throw DevSessionSpecError(field: "\(path).valueFrom", value: "",
                                              reason: "may not be specified together with value")
                }
                let sources = [source.secretKeyRef != nil, source.configMapKeyRef != nil, source.fieldRef != nil,
                               source.resourceFieldRef != nil].filter { $0 }.count
                guard sources == 1 else {
                    throw DevSessionSpecError(field: "\(path).valueFrom", value: "",
                                              reason: "must name exactly one of secretKeyRef, configMapKeyRef, fieldRef and resourceFieldRef")
                }
                if let divisor = source.resourceFieldRef?.divisor, DevSessionQuantity(divisor) == nil {
                    throw DevSessionSpecError(field: "\(path).valueFrom.resourceFieldRef.divisor", value: divisor,
                                              reason: "is not a quantity")
                }
            }
        }
        return DevSessionEndpoint(name: name, image: image, port: port, env: env, path: defaults.path)
    }

    static func quantities(_ values: [String: String], field: String) throws(DevSessionSpecError) -> [String: String] {
        for (name, text) in values.sorted(by: { $0.key < $1.key }) {
            guard let quantity = DevSessionQuantity(text) else {
                throw DevSessionSpecError(field: "\(field).\(name)", value: text, reason: "is not a quantity (for example 500m, 2 or 4Gi)")
            }
            guard quantity.value >= 0 else {
                throw DevSessionSpecError(field: "\(field).\(name)", value: text, reason: "must not be negative")
            }
        }
        return values
    }

    static func nonEmpty(_ value: String?, field: String) throws(DevSessionSpecError) -> String? {
        guard let value else { return nil }
        guard !value.isEmpty else { throw DevSessionSpecError(field: field, value: value, reason: "must not be empty when set") }
        return value
    }

    /// `8-4-4-4-12` lowercase hexadecimal digits.
    static func isLowercaseUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) } }
    }

    /// A DNS-1123 subdomain, optionally with a `*.` wildcard label first.
    static func isIngressHost(_ host: String) -> Bool {
        var rest = Substring(host)
        if rest.hasPrefix("*.") { rest = rest.dropFirst(2) }
        guard !rest.isEmpty, host.count <= 253 else { return false }
        return rest.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            let alphanumeric: (Character) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            return alphanumeric(first) && alphanumeric(last) && label.allSatisfy { alphanumeric($0) || $0 == "-" }
        }
    }
}
