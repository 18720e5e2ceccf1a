public import ArgumentParser
import Foundation
import KubeClient
import KubeTransport
public import KubeReconcile
public import KaiControllers
import Logging

/// `kai-operator run`: the controller manager. Every flag has the environment
/// variable of the contract as a fallback (flag wins).
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the controllers (Channel, DevSession) until SIGTERM or SIGINT.")

    @Option(help: "Path to a kubeconfig [KUBECONFIG]; default: in-cluster, then ~/.kube/config.")
    var kubeconfig: String?

    @Option(help: "Namespace to watch (repeatable) [WATCH_NAMESPACE, comma-separated]; default: all namespaces.")
    var namespace: [String] = []

    @Flag(help: "Compete for a Lease so that only one replica reconciles.")
    var leaderElect = false

    @Option(help: "Namespace of the leader-election Lease [POD_NAMESPACE].")
    var leaderElectionNamespace: String?

    @Option(help: "Metrics endpoint, HOST:PORT; 0 disables.")
    var metricsBindAddress = ":8080"

    @Option(help: "Health probe endpoint (/healthz, /readyz), HOST:PORT.")
    var healthProbeBindAddress = ":8081"

    @Option(help: "Kernel webhook endpoint, HOST:PORT; 0 disables.")
    var webhookBindAddress = ":8082"

    @Option(help: "File holding the webhook bearer token [or the token in KERNEL_WEBHOOK_TOKEN].")
    var webhookTokenFile: String?

    @Option(help: "Secret holding the webhook token, NAMESPACE/NAME[#KEY] (key defaults to token).")
    var webhookTokenSecret: String?

    @Option(name: .customLong("kernel-api-url"), help: "Kernel API base URL [KERNEL_API_URL]; default http://localhost:3080.")
    var kernelAPIURL: String?

    @Option(name: .customLong("kernel-api-token-file"), help: "File holding the kernel API token [or the token in KERNEL_API_TOKEN; KERNEL_AUTH_TYPE=none sends none].")
    var kernelAPITokenFile: String?

    @Option(help: "Reconciles run at once per controller.")
    var maxConcurrentReconciles = ControllerOptions.defaultMaxConcurrentReconciles

    @Option(help: "Log format: json or text.")
    var logFormat = "text"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    public init() {}

    public func validate() throws {
        guard maxConcurrentReconciles >= 1 else {
            throw ValidationError("--max-concurrent-reconciles must be at least 1, got \(maxConcurrentReconciles)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got \"\(logLevel)\"")
        }
        _ = try LogFormat(parsing: logFormat)
    }

    public func run() async throws {
        // Before the first list: keeps list-page buffers out of the heap the cache lives in.
        AllocatorTuning.mapLargeBuffersSeparately()
        let env = ProcessInfo.processInfo.environment
        let format = try LogFormat(parsing: logFormat)
        format.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        let logger = Logger(label: "kai.operator")

        var channel = try ChannelOptions.resolve(
            kernelAPIURL: kernelAPIURL, kernelAPITokenFile: kernelAPITokenFile, webhookBindAddress: webhookBindAddress,
            webhookTokenFile: webhookTokenFile, webhookTokenSecret: webhookTokenSecret, namespaces: namespace, environment: env)
        channel.maxConcurrentReconciles = maxConcurrentReconciles
        let settings = OperatorSettings(
            kubeconfig: kubeconfig ?? env["KAI_KUBECONFIG"],
            leaderElect: leaderElect,
            leaderElectionNamespace: leaderElectionNamespace ?? env["POD_NAMESPACE"],
            metricsBindAddress: try ListenAddress.parse(metricsBindAddress, flag: "--metrics-bind-address"),
            healthProbeBindAddress: try ListenAddress.parse(healthProbeBindAddress, flag: "--health-probe-bind-address"),
            channel: channel)
        let runtime = try await OperatorRuntime.make(settings: settings, logger: logger)
        logger.info("starting kai-operator", metadata: ["version": "\(KaiVersion.current)", "server": "\(runtime.client.configuration.server)"])
        do {
            try await runtime.run()
        } catch {
            logger.critical("kai-operator stopped: \(error)")
            throw ExitCode(1)
        }
    }
}

/// The resolved settings of `kai-operator run`.
public struct OperatorSettings: Sendable {
    /// nil: `KUBECONFIG`, in-cluster, then `~/.kube/config`.
    public var kubeconfig: String?
    public var leaderElect: Bool
    public var leaderElectionNamespace: String?
    public var metricsBindAddress: ListenAddress?
    public var healthProbeBindAddress: ListenAddress?
    /// Channel controller settings (kernel API, webhook, namespaces, workers).
    public var channel: ChannelOptions

    public init(kubeconfig: String? = nil, leaderElect: Bool = false, leaderElectionNamespace: String? = nil,
                metricsBindAddress: ListenAddress? = nil, healthProbeBindAddress: ListenAddress? = nil,
                channel: ChannelOptions = ChannelOptions()) {
        self.kubeconfig = kubeconfig
        self.leaderElect = leaderElect
        self.leaderElectionNamespace = leaderElectionNamespace
        self.metricsBindAddress = metricsBindAddress
        self.healthProbeBindAddress = healthProbeBindAddress
        self.channel = channel
    }
}
