import JSON
public import KaiAPI

extension DevSessionRenderer {
    /// `<release>-preview`, `<release>-chat`, `<release>-vscode`.
    public static func serviceName(release: String, endpoint: DevSessionEndpoint.Name) -> String {
        "\(release)-\(endpoint.rawValue)"
    }

    static func servicePort(_ endpoint: DevSessionEndpoint) -> JSONValue {
        ["name": .string(endpoint.name.rawValue), "protocol": "TCP", "port": .int(Int64(endpoint.port)),
         "targetPort": .string(endpoint.name.rawValue)]
    }

    /// Service `<release>`: one ClusterIP with all three ports (the seed's "load balancer"
    /// service; its ClusterIP is `status.ipAddress`).
    static func releaseService(_ context: Context) -> JSONValue {
        ["apiVersion": "v1", "kind": "Service",
         "metadata": metadata(context, name: context.release, component: "session", version: context.sharedVersion),
         "spec": ["type": "ClusterIP", "selector": selectorLabels(context),
                  "ports": .array(context.settings.endpoints.map(servicePort))]]
    }

    /// Service `<release>-<endpoint>`: the endpoint's own address.
    static func endpointService(_ context: Context, _ endpoint: DevSessionEndpoint) -> JSONValue {
        ["apiVersion": "v1", "kind": "Service",
         "metadata": metadata(context, name: serviceName(release: context.release, endpoint: endpoint.name),
                              component: endpoint.name.rawValue, version: endpoint.imageTag),
         "spec": ["type": "ClusterIP", "selector": selectorLabels(context), "ports": [servicePort(endpoint)]]]
    }

    /// Ingress `<release>`: `/preview`, `/chat`, `/vscode` (pathType `Prefix`) to the
    /// endpoints' Services, on `ingress.host` when set, with TLS when `tlsSecretName` is set.
    static func ingress(_ context: Context) -> JSONValue {
        let settings = context.settings
        let paths: [JSONValue] = settings.endpoints.map { endpoint in
            ["path": .string(endpoint.path), "pathType": "Prefix",
             "backend": ["service": ["name": .string(serviceName(release: context.release, endpoint: endpoint.name)),
                                     "port": ["number": .int(Int64(endpoint.port))]]]]
        }
        var rule: JSONValue = [:]
        if let host = settings.ingressHost { rule["host"] = .string(host) }
        rule["http"] = ["paths": .array(paths)]
        var spec: JSONValue = [:]
        if let className = settings.ingressClassName { spec["ingressClassName"] = .string(className) }
        if let secret = settings.tlsSecretName {
            var tls: JSONValue = [:]
            if let host = settings.ingressHost { tls["hosts"] = [.string(host)] }
            tls["secretName"] = .string(secret)
            spec["tls"] = [tls]
        }
        spec["rules"] = [rule]
        return ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                "metadata": metadata(context, name: context.release, component: "ingress", version: context.sharedVersion,
                                     annotations: settings.ingressAnnotations),
                "spec": spec]
    }

    /// The URL of each endpoint for `status`: on the ingress host when the Ingress is enabled
    /// with a concrete host (`https` with TLS), otherwise the endpoint's in-cluster Service
    /// address (`http://<service>.<namespace>.svc:<port>`, which resolves from any namespace
    /// whatever the cluster domain).
    public static func urls(for session: DevSession, settings: DevSessionSettings) -> [DevSessionEndpoint.Name: String] {
        var urls: [DevSessionEndpoint.Name: String] = [:]
        for endpoint in settings.endpoints {
            if settings.ingressEnabled, let host = settings.ingressHost, !host.hasPrefix("*.") {
                let scheme = settings.tlsSecretName == nil ? "http" : "https"
                urls[endpoint.name] = "\(scheme)://\(host)\(endpoint.path)"
            } else {
                let service = serviceName(release: session.releaseName, endpoint: endpoint.name)
                urls[endpoint.name] = "http://\(service).\(settings.projectUUID).svc:\(endpoint.port)"
            }
        }
        return urls
    }
}
