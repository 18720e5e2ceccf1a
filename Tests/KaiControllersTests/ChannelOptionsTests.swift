import Foundation
@testable import KaiControllers
import KubeReconcile
import Testing

/// Flags first, then the environment, then the defaults.
@Suite struct ChannelOptionsTests {
    @Test func defaults() throws {
        let options = try ChannelOptions.resolve(environment: [:])
        #expect(options.kernelAPIURL == "http://localhost:3080")
        #expect(options.kernelAPIToken == .none)
        #expect(options.webhookBindAddress == ListenAddress(host: "0.0.0.0", port: 8082))
        #expect(options.webhookToken == .none)
        #expect(options.namespaces.isEmpty)
        #expect(options.webhookBodyLimit == 1 << 20)
    }

    /// One idle kernel API connection per worker (and a margin), never fewer than the transport's 32.
    @Test func theKernelConnectionPoolCoversEveryWorker() throws {
        var options = try ChannelOptions.resolve(environment: [:])
        options.maxConcurrentReconciles = 4
        #expect(options.kernelConnectionPoolSize == 32)
        options.maxConcurrentReconciles = 64
        #expect(options.kernelConnectionPoolSize == 72)
    }

    @Test func theEnvironmentFillsWhatFlagsLeaveOut() throws {
        let options = try ChannelOptions.resolve(environment: ["KERNEL_API_URL": "http://webapi:8080", "KERNEL_API_TOKEN": "k",
                                                               "KERNEL_WEBHOOK_TOKEN": "w", "WATCH_NAMESPACE": "a, b,"])
        #expect(options.kernelAPIURL == "http://webapi:8080")
        #expect(options.kernelAPIToken == .value("k"))
        #expect(options.webhookToken == .value("w"))
        #expect(options.namespaces == ["a", "b"])
    }

    @Test func flagsWin() throws {
        let options = try ChannelOptions.resolve(kernelAPIURL: "https://kernel.example.com", kernelAPITokenFile: "/run/token",
                                                 webhookBindAddress: "127.0.0.1:9000", webhookTokenFile: "/run/webhook",
                                                 namespaces: ["c"],
                                                 environment: ["KERNEL_API_URL": "http://webapi:8080", "KERNEL_API_TOKEN": "k",
                                                               "KERNEL_WEBHOOK_TOKEN": "w", "WATCH_NAMESPACE": "a"])
        #expect(options.kernelAPIURL == "https://kernel.example.com")
        #expect(options.kernelAPIToken == .file("/run/token"))
        #expect(options.webhookBindAddress == ListenAddress(host: "127.0.0.1", port: 9000))
        #expect(options.webhookToken == .file("/run/webhook"))
        #expect(options.namespaces == ["c"])
    }

    @Test func authTypeNoneSendsNoToken() throws {
        let options = try ChannelOptions.resolve(kernelAPITokenFile: "/run/token",
                                                 environment: ["KERNEL_AUTH_TYPE": "none", "KERNEL_API_TOKEN": "k"])
        #expect(options.kernelAPIToken == .none)
    }

    @Test func zeroDisablesTheWebhook() throws {
        #expect(try ChannelOptions.resolve(webhookBindAddress: "0", environment: [:]).webhookBindAddress == nil)
    }

    @Test func aWebhookTokenSecret() throws {
        #expect(try ChannelOptions.resolve(webhookTokenSecret: "kai-system/webhook", environment: [:]).webhookToken
                == .secret(namespace: "kai-system", name: "webhook", key: "token"))
        #expect(try ChannelTokenSource.parseSecret("ns/n#key", flag: "--f") == .secret(namespace: "ns", name: "n", key: "key"))
        #expect(throws: ChannelConfigurationError.self) { try ChannelTokenSource.parseSecret("just-a-name", flag: "--f") }
    }

    @Test func badValuesNameTheirFlag() {
        #expect(throws: ChannelConfigurationError(setting: "--kernel-api-url", reason: "\"localhost:3080\" is not an absolute http:// or https:// URL")) {
            try ChannelOptions.resolve(kernelAPIURL: "localhost:3080", environment: [:])
        }
        #expect(throws: ChannelConfigurationError.self) { try ChannelOptions.resolve(environment: ["KERNEL_API_URL": "nope"]) }
        let error = #expect(throws: ChannelConfigurationError.self) { try ChannelOptions.resolve(webhookBindAddress: "8082", environment: [:]) }
        #expect(error?.setting == "--webhook-bind-address")
    }

    @Test func tokenSourcesNeverPrintTheToken() {
        #expect(ChannelTokenSource.value("s3cret").description == "a value from the environment")
        #expect(!"\(ChannelTokenSource.secret(namespace: "a", name: "b", key: "c"))".contains("s3cret"))
    }
}
