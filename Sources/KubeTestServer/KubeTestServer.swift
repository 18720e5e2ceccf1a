public import Foundation
import JSON
public import Logging
public import SandboxTLS
import Synchronization

/// An in-memory Kubernetes API server for tests and the sandbox.
///
/// It speaks the real REST protocol over HTTP or HTTPS on loopback — discovery,
/// CRUD, the status subresource, patches and server-side apply, watches,
/// paging and selectors, finalizers and garbage collection, the ServiceAccount
/// `default` and ConfigMap `kube-root-ca.crt` in every namespace, `Table` output for
/// `kubectl get`, bearer-token and client-certificate users with RBAC-like
/// rules — so that the operator's client and the real `kubectl` work against it.
///
/// ```swift
/// let server = try KubeTestServer(options: .init())
/// try await server.start()
/// defer { Task { await server.stop() } }
/// try server.kubeconfig().write(toFile: path, atomically: true, encoding: .utf8)
/// ```
///
/// - Important: CEL rules (`x-kubernetes-validations`) of CRDs are not
///   evaluated; the server logs each one when the CRD is established.
public final class KubeTestServer: Sendable {
    /// How the server listens and behaves.
    public struct Options: Sendable {
        public var host: String
        /// 0 picks a free port; `restart()` keeps the port chosen at the first start.
        public var port: Int
        /// Serve HTTPS with a certificate from a fresh (or the given) sandbox CA.
        public var tls: Bool
        /// Reject TLS connections without a client certificate signed by the CA.
        public var requireClientCertificates: Bool
        /// Users besides the built-in `admin` (a `system:masters` superuser).
        public var users: [User]
        /// The admin's bearer token (random when nil).
        public var adminToken: String?
        /// Controllers' and kubelets' effects (Deployments become available, PVCs bind); nil: off.
        public var workloadSimulation: WorkloadSimulation?
        /// Drives every delay: simulation, watch timeouts, periodic bookmarks, injected latency.
        public var clock: any Clock<Duration>
        /// Wall time for timestamps (`creationTimestamp`, ages in tables).
        public var now: @Sendable () -> Date
        public var logger: Logger
        /// Changes kept per resource for watch resumption and historical lists.
        public var eventHistoryLimit: Int
        /// Period of BOOKMARK events on watches that allow them.
        public var bookmarkInterval: Duration
        /// Reuse a CA (so clients can keep trusting it across server instances).
        public var certificateAuthority: CertificateAuthority?
        /// The host name the apiserver identity Lease (`kube-system/apiserver-<hash>`) is derived
        /// from and labelled with; nil: the machine's, as a real apiserver uses.
        public var hostname: String?
        /// Keep the apiserver identity Lease (written at start, renewed every 10 s like a real
        /// apiserver). Benchmarks that count every commit while a cluster is quiet turn it off.
        public var identityLease: Bool

        public init(
            host: String = "127.0.0.1", port: Int = 0, tls: Bool = true, requireClientCertificates: Bool = false,
            users: [User] = [], adminToken: String? = nil, workloadSimulation: WorkloadSimulation? = nil,
            clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
            logger: Logger = Logger(label: "kube-test-server"), eventHistoryLimit: Int = 1000,
            bookmarkInterval: Duration = .seconds(60), certificateAuthority: CertificateAuthority? = nil,
            hostname: String? = nil, identityLease: Bool = true
        ) {
            self.host = host
            self.port = port
            self.tls = tls
            self.requireClientCertificates = requireClientCertificates
            self.users = users
            self.adminToken = adminToken
            self.workloadSimulation = workloadSimulation
            self.clock = clock
            self.now = now
            self.logger = logger
            self.eventHistoryLimit = eventHistoryLimit
            self.bookmarkInterval = bookmarkInterval
            self.certificateAuthority = certificateAuthority
            self.hostname = hostname
            self.identityLease = identityLease
        }
    }

    /// A user that authenticates with a bearer token (or, with `token == nil`, a client certificate).
    public struct User: Sendable {
        public var name: String
        public var token: String?
        public var groups: [String]
        public var rules: [PolicyRule]

        public init(name: String, token: String?, groups: [String] = [], rules: [PolicyRule] = []) {
            self.name = name
            self.token = token
            self.groups = groups
            self.rules = rules
        }
    }

    struct RunState: Sendable {
        var port: Int
        var task: Task<Void, any Error>?
    }

    let options: Options
    let cluster: Cluster
    /// Test-controlled faults (failed requests, latency, expired or dropped watches, compaction).
    public let faults: FaultInjector
    /// The bearer token of `admin` (group `system:masters`).
    public let adminToken: String
    let authority: CertificateAuthority?
    let serving: IssuedCertificate?
    let users: Mutex<[User]>
    let state: Mutex<RunState>

    public init(options: Options = Options()) throws {
        self.options = options
        adminToken = options.adminToken ?? "admin-" + UUID().uuidString.lowercased()
        if options.tls {
            let ca = try options.certificateAuthority ?? CertificateAuthority.generate()
            authority = ca
            serving = try ca.issueServer(hosts: ["localhost", "127.0.0.1", "::1"] + (["localhost", "127.0.0.1", "::1"].contains(options.host) ? [] : [options.host]))
        } else {
            authority = nil
            serving = nil
        }
        var access = AccessConfig()
        let admin = User(name: "admin", token: adminToken, groups: ["system:masters"])
        for user in [admin] + options.users {
            if let token = user.token {
                access.tokens[token] = StaticUser(info: UserInfo(name: user.name, groups: user.groups), rules: user.rules)
            } else {
                access.certificateUserRules[user.name] = user.rules
            }
        }
        users = Mutex([admin] + options.users)
        cluster = Cluster(
            config: ClusterConfig(now: options.now, clock: options.clock, logger: options.logger,
                                  historyLimit: max(1, options.eventHistoryLimit), bookmarkInterval: options.bookmarkInterval,
                                  simulation: options.workloadSimulation, rootCAPEM: authority?.certificatePEM),
            access: access)
        faults = FaultInjector(cluster: cluster)
        state = Mutex(RunState(port: options.port, task: nil))
    }

    // MARK: - Lifecycle

    /// Starts listening; returns once connections are accepted.
    public func start() async throws {
        let port = state.withLock { $0.port }
        let tls = serving.map { issued in
            HTTPServerRunner.TLSMaterial(certificatePEM: issued.certificatePEM, privateKeyPEM: issued.privateKeyPEM,
                                         caPEM: authority?.certificatePEM ?? "",
                                         requireClientCertificates: options.requireClientCertificates)
        }
        let handler = RequestHandler(cluster: cluster, faults: faults, clock: options.clock, now: options.now,
                                     logger: options.logger, serverAddress: "\(options.host):\(port)")
        let (bound, task) = try await HTTPServerRunner.start(host: options.host, port: port, tls: tls, handler: handler,
                                                             logger: options.logger)
        state.withLock {
            $0.port = bound
            $0.task = task
        }
        if options.identityLease {
            let host = options.host.contains(":") ? "[\(options.host)]" : options.host
            await cluster.startIdentityLease(APIServerIdentityLease(
                hostname: options.hostname ?? APIServerIdentityLease.machineHostname(), peerAddress: "\(host):\(bound)",
                runID: UUID().uuidString.lowercased()))
        }
        options.logger.info("kube test server listening on \(url)")
    }

    /// Stops listening and ends every watch; the stored objects are kept.
    public func stop() async {
        await cluster.stopIdentityLease()
        await cluster.dropAllWatches()
        let task = state.withLock { s -> Task<Void, any Error>? in
            let t = s.task
            s.task = nil
            return t
        }
        task?.cancel()
        _ = await task?.result
    }

    /// Stops and starts again on the same port with the same state: clients lose their connections and watches.
    public func restart() async throws {
        await stop()
        try await start()
    }

    /// Stops the server and the simulated controllers for good.
    public func shutdown() async {
        await stop()
        await cluster.cancelSimulation()
    }

    public var port: Int { state.withLock { $0.port } }

    /// `https://127.0.0.1:PORT` (or `http://` without TLS).
    public var url: String {
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        return "\(options.tls ? "https" : "http")://\(host):\(port)"
    }

    /// The CA that signed the serving certificate (nil without TLS).
    public var caPEM: String? { authority?.certificatePEM }

    // MARK: - Users

    /// Adds a bearer-token user with the given rules (`system:masters` in `groups` makes a superuser).
    public func addUser(_ name: String, token: String, groups: [String] = [], rules: [PolicyRule]) async {
        let user = User(name: name, token: token, groups: groups, rules: rules)
        users.withLock { $0.append(user) }
        await cluster.addUser(token: token, user: StaticUser(info: UserInfo(name: name, groups: groups), rules: rules))
    }

    /// Grants rules to a client-certificate user (CN = `name`).
    public func allowCertificateUser(_ name: String, rules: [PolicyRule]) async {
        await cluster.setCertificateUserRules(name, rules: rules)
    }

    /// Grants rules to every member of a group.
    public func allowGroup(_ group: String, rules: [PolicyRule]) async {
        await cluster.setGroupRules(group, rules: rules)
    }

    /// A client certificate for `user` signed by the server's CA (CN = user, O = groups).
    public func clientCertificate(user: String, groups: [String] = []) throws -> IssuedCertificate {
        guard let authority else { throw KubeTestServerError("client certificates need TLS") }
        return try authority.issueClient(user: user, groups: groups)
    }

    /// A kubeconfig for kubectl or the operator's client, authenticating as `user`
    /// (its token, or a fresh client certificate when the user has none).
    public func kubeconfig(user: String = "admin", namespace: String = "default", contextName: String = "kai-sandbox") throws -> String {
        let known = users.withLock { list in list.first { $0.name == user } }
        var userLines: [String]
        if let token = known?.token {
            userLines = ["    token: \(token)"]
        } else {
            let issued = try clientCertificate(user: user, groups: known?.groups ?? [])
            userLines = ["    client-certificate-data: \(Base64.encode(Array(issued.certificatePEM.utf8)))",
                         "    client-key-data: \(Base64.encode(Array(issued.privateKeyPEM.utf8)))"]
        }
        var cluster = ["    server: \(url)"]
        if let caPEM { cluster.append("    certificate-authority-data: \(Base64.encode(Array(caPEM.utf8)))") }
        return (["apiVersion: v1", "kind: Config", "clusters:", "- name: \(contextName)", "  cluster:"] + cluster
            + ["users:", "- name: \(user)", "  user:"] + userLines
            + ["contexts:", "- name: \(contextName)", "  context:", "    cluster: \(contextName)", "    user: \(user)",
               "    namespace: \(namespace)", "current-context: \(contextName)", "preferences: {}", ""]).joined(separator: "\n")
    }
}
