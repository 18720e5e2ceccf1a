public import Foundation
public import KubeReconcile
import KubeTransport

/// The Channel controller's settings: the flags and environment variables of
/// `kai-operator run` that concern it (see ``resolve(kernelAPIURL:kernelAPITokenFile:webhookBindAddress:webhookTokenFile:webhookTokenSecret:namespaces:environment:)``).
public struct ChannelOptions: Sendable {
    /// `http://localhost:3080`, as in the seed.
    public static let defaultKernelAPIURL = "http://localhost:3080"
    /// `:8082`.
    public static let defaultWebhookBindAddress = ListenAddress(host: "0.0.0.0", port: 8082)

    /// The kernel API of Channels without `spec.kernelAPI.url` (`--kernel-api-url`, `KERNEL_API_URL`).
    public var kernelAPIURL: String
    /// The bearer token of Channels without `spec.kernelAPI.authSecretRef`
    /// (`--kernel-api-token-file`, `KERNEL_API_TOKEN`; `.none` with `KERNEL_AUTH_TYPE=none`).
    public var kernelAPIToken: ChannelTokenSource
    /// Per kernel API request, from connecting to the last byte.
    public var kernelRequestTimeout: Duration
    /// The namespaces whose Channels are reconciled; empty means all (`--namespace`, `WATCH_NAMESPACE`).
    public var namespaces: [String]
    /// Where the webhook receiver listens (`--webhook-bind-address`); nil disables it (`0`).
    public var webhookBindAddress: ListenAddress?
    /// The bearer token webhook requests must carry; `.none` accepts any
    /// (`--webhook-token-file`, `KERNEL_WEBHOOK_TOKEN`, or a Secret).
    public var webhookToken: ChannelTokenSource
    /// Larger webhook bodies get 413 (1 MiB).
    public var webhookBodyLimit: Int
    /// Reconciles in flight at once (`--max-concurrent-reconciles`).
    public var maxConcurrentReconciles: Int
    /// Idle kernel API connections kept for reuse: one per worker plus a margin, and at least
    /// the transport's default, so concurrent reconciles never churn connections.
    public var kernelConnectionPoolSize: Int { max(TransportOptions().maxIdleConnections, maxConcurrentReconciles + 8) }
    /// How often a kernel left `Creating` by an earlier run is looked for while its
    /// `creatingTimeoutSeconds` runs.
    public var creatingPollInterval: Duration
    /// Up to this fraction of a retry delay is taken off at random, so Channels that failed
    /// together do not retry together.
    public var retryJitter: Double
    /// How long the controller trusts its own last write over a cache that has not caught up.
    public var writeExpectationTimeout: Duration

    public init(kernelAPIURL: String = ChannelOptions.defaultKernelAPIURL, kernelAPIToken: ChannelTokenSource = .none,
                kernelRequestTimeout: Duration = .seconds(30), namespaces: [String] = [],
                webhookBindAddress: ListenAddress? = ChannelOptions.defaultWebhookBindAddress,
                webhookToken: ChannelTokenSource = .none, webhookBodyLimit: Int = 1 << 20,
                maxConcurrentReconciles: Int = ControllerOptions.defaultMaxConcurrentReconciles,
                creatingPollInterval: Duration = .seconds(10), retryJitter: Double = 0.1,
                writeExpectationTimeout: Duration = .seconds(30)) {
        self.kernelAPIURL = kernelAPIURL
        self.kernelAPIToken = kernelAPIToken
        self.kernelRequestTimeout = kernelRequestTimeout
        self.namespaces = namespaces
        self.webhookBindAddress = webhookBindAddress
        self.webhookToken = webhookToken
        self.webhookBodyLimit = webhookBodyLimit
        self.maxConcurrentReconciles = maxConcurrentReconciles
        self.creatingPollInterval = creatingPollInterval
        self.retryJitter = retryJitter
        self.writeExpectationTimeout = writeExpectationTimeout
    }

    /// Options from the flags' values (nil: not given) and the environment, flags first:
    /// - kernel API URL: `--kernel-api-url`, else `KERNEL_API_URL`, else `http://localhost:3080`;
    /// - kernel API token: none when `KERNEL_AUTH_TYPE=none`, else `--kernel-api-token-file`,
    ///   else `KERNEL_API_TOKEN`, else none;
    /// - webhook address: `--webhook-bind-address` (`0` disables), else `:8082`;
    /// - webhook token: `--webhook-token-file`, else `KERNEL_WEBHOOK_TOKEN`, else
    ///   `--webhook-token-secret NAMESPACE/NAME[#KEY]`, else none;
    /// - namespaces: `--namespace` (repeatable), else `WATCH_NAMESPACE` (comma-separated), else all.
    /// - Throws: ``ChannelConfigurationError`` naming the flag or variable that is wrong.
    public static func resolve(kernelAPIURL: String? = nil, kernelAPITokenFile: String? = nil,
                               webhookBindAddress: String? = nil, webhookTokenFile: String? = nil,
                               webhookTokenSecret: String? = nil, namespaces: [String] = [],
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(ChannelConfigurationError) -> ChannelOptions {
        var options = ChannelOptions()
        func nonEmpty(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if let url = nonEmpty(kernelAPIURL) {
            options.kernelAPIURL = try validURL(url, setting: "--kernel-api-url")
        } else if let url = nonEmpty(environment["KERNEL_API_URL"]) {
            options.kernelAPIURL = try validURL(url, setting: "KERNEL_API_URL")
        }
        if environment["KERNEL_AUTH_TYPE"]?.lowercased() == "none" {
            options.kernelAPIToken = .none
        } else if let path = nonEmpty(kernelAPITokenFile) {
            options.kernelAPIToken = .file(path)
        } else if let token = nonEmpty(environment["KERNEL_API_TOKEN"]) {
            options.kernelAPIToken = .value(token)
        }
        if let address = nonEmpty(webhookBindAddress) {
            do { options.webhookBindAddress = try ListenAddress.parse(address, flag: "--webhook-bind-address") } catch {
                throw ChannelConfigurationError(setting: error.setting, reason: error.reason)
            }
        }
        if let path = nonEmpty(webhookTokenFile) {
            options.webhookToken = .file(path)
        } else if let token = nonEmpty(environment["KERNEL_WEBHOOK_TOKEN"]) {
            options.webhookToken = .value(token)
        } else if let secret = nonEmpty(webhookTokenSecret) {
            options.webhookToken = try ChannelTokenSource.parseSecret(secret, flag: "--webhook-token-secret")
        }
        let explicit = namespaces.compactMap(nonEmpty)
        if !explicit.isEmpty {
            options.namespaces = explicit
        } else if let listed = environment["WATCH_NAMESPACE"] {
            options.namespaces = listed.split(separator: ",").compactMap { nonEmpty(String($0)) }
        }
        return options
    }

    static func validURL(_ text: String, setting: String) throws(ChannelConfigurationError) -> String {
        do { _ = try KernelAPIClient.url(text, "/", contextID: nil) } catch {
            throw ChannelConfigurationError(setting: setting, reason: "\"\(text)\" is not an absolute http:// or https:// URL")
        }
        return text
    }
}
