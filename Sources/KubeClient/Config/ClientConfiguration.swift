public import Foundation
public import KubeTransport

/// Everything needed to talk to one API server: where, how to trust it, who we are.
public struct ClientConfiguration: Sendable {
    /// Base URL, e.g. `https://127.0.0.1:6443` (no trailing slash).
    public var server: String
    public var tls: TLSOptions
    public var credentials: Credentials
    /// The default namespace (context namespace, in-cluster namespace file, or `default`).
    public var namespace: String
    /// Where the configuration came from, for `check` and error messages.
    public var source: String
    /// Client-side rate limit; nil (the default, as in controller-runtime >= 0.21)
    /// leaves flow control to the server's priority-and-fairness.
    public var rateLimit: RateLimit?
    public var userAgent: String = "kai-operator/0.1"
    /// `proxy-url` of the kubeconfig cluster; otherwise libcurl honours
    /// `HTTPS_PROXY` / `NO_PROXY` from the environment.
    public var proxyURL: String?
    /// Timeout of a non-watch request.
    public var requestTimeout: Duration = .seconds(60)

    /// A client-side token bucket.
    public struct RateLimit: Sendable, Equatable {
        public var qps: Double
        public var burst: Int
        public init(qps: Double, burst: Int) { self.qps = qps; self.burst = burst }
    }

    /// How requests are authenticated.
    public enum Credentials: Sendable {
        case none
        case bearerToken(String)
        /// Re-read whenever the file changes (service-account tokens rotate).
        case tokenFile(String)
        case basic(username: String, password: String)
        /// Client certificate only (the identity is in `tls`).
        case clientCertificate
        case exec(KubeConfig.ExecConfig)
    }

    public init(server: String, tls: TLSOptions = TLSOptions(), credentials: Credentials = .none,
                namespace: String = "default", source: String = "explicit") {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.tls = tls
        self.credentials = credentials
        self.namespace = namespace
        self.source = source
    }
}

extension ClientConfiguration {
    /// Files and variables the loader reads; injectable for tests.
    public struct Environment: Sendable {
        public var variables: [String: String]
        public var homeDirectory: String
        /// Where a pod's service-account files are mounted.
        public var serviceAccountDirectory: String

        public init(variables: [String: String] = ProcessInfo.processInfo.environment,
                    homeDirectory: String = NSHomeDirectory(),
                    serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount") {
            self.variables = variables
            self.homeDirectory = homeDirectory
            self.serviceAccountDirectory = serviceAccountDirectory
        }
    }

    /// Resolves the configuration as controller-runtime does: the explicit
    /// `--kubeconfig` path, then `KUBECONFIG` (several paths, merged), then
    /// in-cluster, then `~/.kube/config`.
    /// - Parameters:
    ///   - kubeconfig: the `--kubeconfig` flag.
    ///   - context: overrides `current-context`.
    public static func load(kubeconfig: String? = nil, context: String? = nil,
                            environment: Environment = Environment()) throws(KubeError) -> ClientConfiguration {
        if let kubeconfig, !kubeconfig.isEmpty {
            guard FileManager.default.fileExists(atPath: kubeconfig) else {
                throw .configuration("kubeconfig \(kubeconfig): file does not exist")
            }
            return try fromKubeConfig(KubeConfig.load(paths: [kubeconfig]), context: context, source: kubeconfig)
        }
        if let list = environment.variables["KUBECONFIG"], !list.isEmpty {
            let paths = list.split(separator: ":").map(String.init)
            return try fromKubeConfig(KubeConfig.load(paths: paths), context: context, source: "KUBECONFIG=\(list)")
        }
        if environment.variables["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment)
        }
        let home = (environment.homeDirectory as NSString).appendingPathComponent(".kube/config")
        if FileManager.default.fileExists(atPath: home) {
            return try fromKubeConfig(KubeConfig.load(paths: [home]), context: context, source: home)
        }
        throw .configuration("no cluster configuration: pass --kubeconfig, set KUBECONFIG, run in a cluster, or create \(home)")
    }

    /// The configuration of a pod: `KUBERNETES_SERVICE_HOST`/`PORT` and the
    /// mounted service-account token (re-read as it rotates), CA and namespace.
    public static func inCluster(environment: Environment = Environment()) throws(KubeError) -> ClientConfiguration {
        guard let host = environment.variables["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = environment.variables["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw .configuration("in-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let dir = environment.serviceAccountDirectory
        let tokenPath = (dir as NSString).appendingPathComponent("token")
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw .configuration("in-cluster configuration: cannot read the service-account token \(tokenPath)")
        }
        var tls = TLSOptions()
        let caPath = (dir as NSString).appendingPathComponent("ca.crt")
        if let ca = FileManager.default.contents(atPath: caPath) { tls.caPEM = [UInt8](ca) }
        let nsPath = (dir as NSString).appendingPathComponent("namespace")
        let namespace = (try? String(contentsOfFile: nsPath, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // IPv6 hosts need brackets in a URL.
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(server: "https://\(hostPart):\(port)", tls: tls,
                                   credentials: .tokenFile(tokenPath),
                                   namespace: (namespace?.isEmpty == false ? namespace! : "default"),
                                   source: "in-cluster")
    }

    /// Picks the context (override or current) and resolves its cluster and user.
    public static func fromKubeConfig(_ config: KubeConfig, context override: String? = nil,
                                      source: String) throws(KubeError) -> ClientConfiguration {
        guard let contextName = override ?? config.currentContext, !contextName.isEmpty else {
            throw .configuration("kubeconfig \(source): no current-context is set and no --context was given")
        }
        guard let context = config.contexts[contextName] else {
            throw .configuration("kubeconfig \(source): context \"\(contextName)\" not found")
        }
        guard let cluster = config.clusters[context.cluster] else {
            throw .configuration("kubeconfig \(source): context \"\(contextName)\" names cluster \"\(context.cluster)\", which is not defined")
        }
        let user: KubeConfig.User
        if context.user.isEmpty {
            user = KubeConfig.User()
        } else if let u = config.users[context.user] {
            user = u
        } else {
            throw .configuration("kubeconfig \(source): context \"\(contextName)\" names user \"\(context.user)\", which is not defined")
        }
        guard let url = URL(string: cluster.server), let scheme = url.scheme, ["https", "http"].contains(scheme), url.host != nil else {
            throw .configuration("kubeconfig \(source): cluster \"\(context.cluster)\": server \"\(cluster.server)\" is not an http(s) URL")
        }

        var tls = TLSOptions()
        tls.insecureSkipVerify = cluster.insecureSkipTLSVerify
        tls.serverName = cluster.tlsServerName
        if let data = cluster.certificateAuthorityData {
            tls.caPEM = data
        } else if let path = cluster.certificateAuthority {
            tls.caPEM = try readFile(path, what: "cluster \"\(context.cluster)\" certificate-authority", source: source)
        }
        if let data = user.clientCertificateData {
            tls.clientCertificatePEM = data
        } else if let path = user.clientCertificate {
            tls.clientCertificatePEM = try readFile(path, what: "user \"\(context.user)\" client-certificate", source: source)
        }
        if let data = user.clientKeyData {
            tls.clientKeyPEM = data
        } else if let path = user.clientKey {
            tls.clientKeyPEM = try readFile(path, what: "user \"\(context.user)\" client-key", source: source)
        }
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw .configuration("kubeconfig \(source): user \"\(context.user)\": a client certificate needs both a certificate and a key")
        }

        let credentials: Credentials
        if let token = user.token, !token.isEmpty {
            credentials = .bearerToken(token)
        } else if let file = user.tokenFile {
            credentials = .tokenFile(file)
        } else if let exec = user.exec {
            credentials = .exec(exec)
        } else if let name = user.username, let password = user.password {
            credentials = .basic(username: name, password: password)
        } else if tls.clientCertificatePEM != nil {
            credentials = .clientCertificate
        } else {
            credentials = .none
        }
        var result = ClientConfiguration(server: cluster.server, tls: tls, credentials: credentials,
                                         namespace: context.namespace ?? "default",
                                         source: "\(source) (context \(contextName))")
        result.proxyURL = cluster.proxyURL
        return result
    }

    static func readFile(_ path: String, what: String, source: String) throws(KubeError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("kubeconfig \(source): \(what) file \(path) cannot be read")
        }
        return [UInt8](data)
    }
}
