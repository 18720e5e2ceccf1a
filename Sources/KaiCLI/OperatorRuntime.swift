import Foundation
public import KaiControllers
public import KubeClient
public import KubeReconcile
public import Logging

/// The operator put together: client, manager, leader election, the controllers
/// and the Channel webhook. `kai-operator run` and `kai-sandbox` build it the same way.
public struct OperatorRuntime: Sendable {
    public let client: KubeClient
    public let manager: Manager
    /// The kernel webhook receiver, when enabled.
    public let webhook: ChannelWebhookServer?

    /// Builds the runtime from settings; nothing runs until ``run()``.
    public static func make(settings: OperatorSettings, logger: Logger,
                            configuration: ClientConfiguration? = nil) async throws -> OperatorRuntime {
        let metrics = OperatorMetrics()
        // swift-metrics series (the controllers' own) land in the same /metrics registry.
        _ = metrics.bootstrapMetricsSystem()
        let clientConfiguration = try configuration ?? ClientConfiguration.load(kubeconfig: settings.kubeconfig)
        let client = try KubeClient(configuration: clientConfiguration, logger: logger, observer: metrics.restClientObserver)

        var elector: LeaderElector?
        if settings.leaderElect {
            guard let namespace = settings.leaderElectionNamespace ?? (clientConfiguration.source == "in-cluster" ? clientConfiguration.namespace : nil) else {
                throw OperatorRuntimeError("--leader-elect needs --leader-election-namespace (or POD_NAMESPACE)")
            }
            elector = try LeaderElector(client: client,
                                    configuration: LeaderElectionConfiguration(leaseName: "kai-operator.kai.dev", namespace: namespace),
                                    metrics: metrics, logger: logger)
        }
        let manager = Manager(options: ManagerOptions(metricsBindAddress: settings.metricsBindAddress,
                                                      healthProbeBindAddress: settings.healthProbeBindAddress),
                              leaderElector: elector, metrics: metrics, logger: logger)
        let recorder = try EventRecorder(client: client,
                                     configuration: EventRecorderConfiguration(reportingInstance: Self.instanceName()),
                                     logger: logger)
        manager.add(recorder)
        let channels = try ChannelController.make(client: client, options: settings.channel, recorder: recorder,
                                                  operatorMetrics: metrics, logger: logger)
        channels.install(into: manager)
        var devSessions = DevSessionOptions()
        devSessions.controller.maxConcurrentReconciles = settings.channel.maxConcurrentReconciles
        manager.add(try DevSessionController.make(client: client, recorder: recorder, options: devSessions,
                                                  metrics: metrics, logger: logger))
        return OperatorRuntime(client: client, manager: manager, webhook: channels.webhook)
    }

    /// Runs the manager and the webhook until SIGTERM/SIGINT (or a fatal error such as a lost lease).
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let webhook { group.addTask { try await webhook.run() } }
            group.addTask { try await manager.runUntilSignalled() }
            // The manager returning (signal or error) ends the process; the webhook goes with it.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Starts the webhook (when enabled) and returns its port; the caller then runs
    /// ``runManager()`` and stops with ``shutDown()`` (how `kai-sandbox` embeds the operator).
    public func startWebhook() async throws -> Int? {
        guard let webhook else { return nil }
        return try await webhook.start()
    }

    /// Runs the manager without signal handling, until ``shutDown()``.
    public func runManager() async throws {
        try await manager.run()
    }

    /// Drains the controllers and stops the webhook.
    public func shutDown() async {
        manager.shutDown()
        await webhook?.stop()
    }

    /// The pod name in a cluster (`HOSTNAME`), else the host name.
    static func instanceName() -> String {
        ProcessInfo.processInfo.environment["HOSTNAME"] ?? ProcessInfo.processInfo.hostName
    }
}

/// A setting that cannot work, named for the person who set it.
public struct OperatorRuntimeError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
