import Foundation
import KubeClient
import KubeReconcile
import Testing

/// Flags and settings are checked with errors that name them.
struct ConfigurationTests {
    @Test func listenAddressesParseLikeGo() throws {
        #expect(try ListenAddress.parse(":8080", flag: "--metrics-bind-address") == ListenAddress(host: "0.0.0.0", port: 8080))
        #expect(try ListenAddress.parse("127.0.0.1:8081", flag: "f") == ListenAddress(host: "127.0.0.1", port: 8081))
        #expect(try ListenAddress.parse("[::1]:9000", flag: "f") == ListenAddress(host: "::1", port: 9000))
        #expect(try ListenAddress.parse("0", flag: "f") == nil)
        #expect(ListenAddress(host: "::1", port: 9000).description == "[::1]:9000")
    }

    @Test func badListenAddressesNameTheFlag() {
        for text in ["8080", "host:http", ":70000", "::1:80", "[::1]80", "[::1"] {
            #expect(throws: ReconcileConfigurationError.self, "\(text)") {
                try ListenAddress.parse(text, flag: "--health-probe-bind-address")
            }
        }
        do {
            _ = try ListenAddress.parse("8080", flag: "--metrics-bind-address")
            Issue.record("no error")
        } catch {
            #expect(error.setting == "--metrics-bind-address")
            #expect(error.description.contains("\"8080\""))
        }
    }

    @Test func controllersNeedAtLeastOneWorker() {
        #expect(throws: ReconcileConfigurationError(setting: "--max-concurrent-reconciles", reason: "must be at least 1, got 0")) {
            try Controller(name: "c", reconciler: ReconcilerFunction { _, _ in .done },
                           options: ControllerOptions(maxConcurrentReconciles: 0))
        }
        #expect(throws: ReconcileConfigurationError.self) {
            try Controller(name: "", reconciler: ReconcilerFunction { _, _ in .done })
        }
        #expect(ControllerOptions().maxConcurrentReconciles == ControllerOptions.defaultMaxConcurrentReconciles)
    }

    @Test func leaderElectionDefaultsAreClientGos() {
        let config = LeaderElectionConfiguration(leaseName: "kai-operator-leader", namespace: "kai-system")
        #expect(config.leaseDuration == .seconds(15))
        #expect(config.renewDeadline == .seconds(10))
        #expect(config.retryPeriod == .seconds(2))
        #expect(config.identity.contains("_"))
    }

    @Test func leaderElectionTimingsAreValidated() throws {
        let client = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        func make(_ change: (inout LeaderElectionConfiguration) -> Void) throws {
            var config = LeaderElectionConfiguration(leaseName: "l", namespace: "ns", identity: "me")
            change(&config)
            _ = try LeaderElector(client: client, configuration: config)
        }
        try make { _ in }
        #expect(throws: ReconcileConfigurationError.self) { try make { c in c.renewDeadline = .seconds(15) } }
        #expect(throws: ReconcileConfigurationError.self) { try make { c in c.retryPeriod = .seconds(9) } }
        #expect(throws: ReconcileConfigurationError.self) { try make { c in c.namespace = "" } }
        #expect(throws: ReconcileConfigurationError.self) { try make { c in c.identity = "" } }
        #expect(throws: ReconcileConfigurationError.self) { try make { c in c.leaseDuration = .milliseconds(500) } }
    }

    @Test func logFormatsParse() throws {
        #expect(try LogFormat(parsing: "JSON") == .json)
        #expect(try LogFormat(parsing: "text") == .text)
        #expect(throws: ReconcileConfigurationError(setting: "--log-format", reason: "must be json or text, got \"yaml\"")) {
            try LogFormat(parsing: "yaml")
        }
    }

    @Test func eventRecorderSettingsAreValidated() throws {
        let client = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        #expect(throws: ReconcileConfigurationError.self) {
            try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: ""))
        }
        #expect(throws: ReconcileConfigurationError.self) {
            try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "pod", burst: 0))
        }
        let ok = try EventRecorder(client: client, configuration: EventRecorderConfiguration(reportingInstance: "pod"))
        #expect(ok.configuration.reportingController == "kai.dev/kai-operator")
    }
}
