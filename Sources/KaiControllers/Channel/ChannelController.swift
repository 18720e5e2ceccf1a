public import Foundation
import JSON
public import KubeClient
public import KubeReconcile
import KubeCache
public import KubeTransport
import KubeWatch
public import Logging

/// The Channel controller, assembled: what `kai-operator run` and `kai-sandbox` wire in.
///
/// ```swift
/// let options = try ChannelOptions.resolve(kernelAPIURL: flags.kernelAPIURL, ...)
/// let channels = try ChannelController.make(client: client, options: options, recorder: recorder,
///                                           operatorMetrics: metrics)
/// channels.install(into: manager)                   // controller, caches
/// group.addTask { try await channels.webhook?.run() }   // next to manager.run()
/// ```
public struct ChannelController: Sendable {
    /// The runtime controller (named `channel`), watching Channels and the Secrets they reference.
    public let controller: Controller
    /// The reconciler it runs.
    public let reconciler: ChannelReconciler
    /// The webhook receiver; nil when `webhookBindAddress` is nil.
    public let webhook: ChannelWebhookServer?
    /// The Channel controller's own metrics.
    public let metrics: ChannelMetrics
    let cache: ChannelCache
    let tally: ChannelStatusTally

    /// Builds the controller, its caches, the kernel API client and the webhook receiver.
    /// - Parameters:
    ///   - client: the Kubernetes client (its identity needs the operator's ClusterRole).
    ///   - recorder: where Events go (the manager runs it; add it with `manager.add(recorder)`).
    ///   - operatorMetrics: the registry of the `controller_runtime_*` series.
    ///   - metrics: the Channel series (swift-metrics; by default through `MetricsSystem`).
    ///   - transport: the kernel API transport; nil makes a ``CurlTransport``.
    ///   - clock: drives requeues, backoff and the caches (tests pass a manual clock).
    ///   - now: wall time for status timestamps (tests derive it from `clock`).
    ///   - random: jitter source in `0..<1`.
    /// - Throws: ``ChannelConfigurationError`` or ``ReconcileConfigurationError`` for unusable options.
    public static func make(client: KubeClient, options: ChannelOptions, recorder: EventRecorder,
                            operatorMetrics: OperatorMetrics = OperatorMetrics(), metrics: ChannelMetrics = ChannelMetrics(),
                            transport: (any HTTPTransport)? = nil, clock: any Clock<Duration> = ContinuousClock(),
                            now: @escaping @Sendable () -> Date = { Date() },
                            random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                            logger: Logger = Logger(label: "kai.channel")) throws -> ChannelController {
        _ = try ChannelOptions.validURL(options.kernelAPIURL, setting: "--kernel-api-url")
        guard options.kernelRequestTimeout > .zero else {
            throw ChannelConfigurationError(setting: "kernel request timeout", reason: "must be positive")
        }
        guard options.webhookBodyLimit > 0 else {
            throw ChannelConfigurationError(setting: "webhook body limit", reason: "must be positive")
        }
        let kernelTransport: any HTTPTransport
        if let transport {
            kernelTransport = transport
        } else {
            do {
                // Every worker can have a kernel call in flight; an idle pool smaller than that
                // closes connections only to open new ones (the kernel API is plain HTTP/1.1).
                kernelTransport = try CurlTransport(options: TransportOptions(defaultTimeout: options.kernelRequestTimeout,
                                                                              userAgent: "kai-operator",
                                                                              maxIdleConnections: options.kernelConnectionPoolSize))
            } catch {
                throw ChannelConfigurationError(setting: "kernel API transport", reason: "\(error)")
            }
        }
        let cache = try ChannelCache(client: client, namespaces: options.namespaces, clock: clock, logger: logger)
        let writes = ChannelWrites(timeout: options.writeExpectationTimeout)
        let tokens = ChannelTokenResolver(client: client, now: now)
        let kernel = KernelAPIClient(transport: kernelTransport, timeout: options.kernelRequestTimeout, metrics: metrics, clock: clock)
        let memory = ChannelMemory()
        let reconciler = ChannelReconciler(client: client, cache: cache, kernel: kernel, tokens: tokens, options: options,
                                           recorder: recorder, writes: writes, memory: memory, clock: clock, now: now,
                                           random: random)
        let controller = try Controller(name: "channel", reconciler: reconciler,
                                        options: ControllerOptions(maxConcurrentReconciles: options.maxConcurrentReconciles),
                                        metrics: operatorMetrics, clock: clock, logger: logger)
        let tally = ChannelStatusTally(metrics: metrics)
        for informer in cache.channelInformers {
            // Before the controller's own handler, so a write is marked seen before its key runs.
            informer.addEventHandler(EventHandler(onAdd: { writes.observe($0) }, onUpdate: { _, new in writes.observe(new) },
                                                  onDelete: { object in
                if let uid = object[path: "metadata", "uid"]?.stringValue {
                    writes.forget(uid: uid)
                    memory.forget(uid)
                }
            }))
            informer.addEventHandler(tally.handler)
            controller.watch(informer)
        }
        for informer in cache.secrets {
            controller.watch(informer) { secret in
                guard let namespace = secret[path: "metadata", "namespace"]?.stringValue,
                      let name = secret[path: "metadata", "name"]?.stringValue else { return [] }
                return cache.channels(referencingSecret: namespace, name: name)
            }
        }
        var webhook: ChannelWebhookServer?
        if let address = options.webhookBindAddress {
            let handler = ChannelWebhookHandler(client: client, cache: cache, writes: writes, tokens: tokens, token: options.webhookToken,
                                                recorder: recorder, metrics: metrics, clock: clock, now: now, logger: logger)
            webhook = ChannelWebhookServer(address: address, handler: handler, bodyLimit: options.webhookBodyLimit, logger: logger)
        }
        return ChannelController(controller: controller, reconciler: reconciler, webhook: webhook, metrics: metrics,
                                 cache: cache, tally: tally)
    }

    /// Adds the controller (and through it the Channel and Secret caches) to `manager`.
    public func install(into manager: Manager) {
        manager.add(controller)
    }

    /// The caches the controller reads (the manager runs them once the controller is added).
    public var caches: [any SyncedCache] { controller.caches }
}
