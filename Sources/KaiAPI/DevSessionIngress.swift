/// The session's Ingress: `/preview`, `/chat` and `/vscode` (pathType `Prefix`) to their Services.
public struct DevSessionIngress: Codable, Sendable, Equatable {
    /// `true` by default; `false` removes (prunes) the Ingress.
    public var enabled: Bool?
    /// `spec.ingressClassName`; the cluster's default class when omitted.
    public var className: String?
    /// The host of the rule; status URLs use it when set.
    public var host: String?
    /// A TLS Secret for `host`; status URLs then use `https`.
    public var tlsSecretName: String?
    /// Annotations for the ingress controller (rewrites, auth...).
    public var annotations: [String: String]?

    public init(enabled: Bool? = nil, className: String? = nil, host: String? = nil, tlsSecretName: String? = nil,
                annotations: [String: String]? = nil) {
        self.enabled = enabled
        self.className = className
        self.host = host
        self.tlsSecretName = tlsSecretName
        self.annotations = annotations
    }
}
