import Foundation
import JSON
import KaiStandIns
import Logging

/// Keeps test output readable: the stand-ins log only warnings and worse.
let quietLogger: Logger = {
    var logger = Logger(label: "test.standin")
    logger.logLevel = .warning
    return logger
}()

/// 2023-05-13T12:34:56.500Z, the wall time the tests' stand-ins see.
let fixedDate = Date(timeIntervalSince1970: 1_683_981_296.5)

/// Runs `body` with a started kernel API stand-in and stops it afterwards.
func withKernelAPI<T>(
    token: String? = nil,
    clock: ManualClock = ManualClock(),
    defaults: KernelDefaults = KernelDefaults(),
    now: @escaping @Sendable () -> Date = { fixedDate },
    _ body: (KernelAPIStandIn) async throws -> T
) async throws -> T {
    let api = KernelAPIStandIn(token: token, clock: clock, defaults: defaults, now: now, logger: quietLogger)
    try await api.start()
    do {
        let result = try await body(api)
        await api.stop()
        return result
    } catch {
        await api.stop()
        throw error
    }
}

/// Runs `body` with a started Prometheus stand-in and stops it afterwards.
func withPrometheus<T>(
    now: @escaping @Sendable () -> Date = { fixedDate },
    _ body: (PrometheusStandIn) async throws -> T
) async throws -> T {
    let prometheus = PrometheusStandIn(now: now, logger: quietLogger)
    try await prometheus.start()
    do {
        let result = try await body(prometheus)
        await prometheus.stop()
        return result
    } catch {
        await prometheus.stop()
        throw error
    }
}

/// A create body as the operator sends it.
func createBody(_ contextId: String, model: String = "gpt-4", temperature: Double = 0.7) -> String {
    #"{"contextId":"\#(contextId)","completionOptions":{"modelId":"\#(model)","temperature":\#(temperature)},"enabledPlugins":["YouTubePlugin"]}"#
}

extension KernelAPIStandIn {
    func create(_ contextId: String, headers: [String: String] = [:]) async throws -> TestHTTP.Answer {
        try await TestHTTP.post(url + "/api/kernel/create", json: createBody(contextId), headers: headers)
    }

    func info(_ contextId: String, headers: [String: String] = [:]) async throws -> TestHTTP.Answer {
        try await TestHTTP.get(url + "/api/kernel/info?contextId=" + contextId, headers: headers)
    }

    func release(_ contextId: String, headers: [String: String] = [:]) async throws -> TestHTTP.Answer {
        try await TestHTTP.delete(url + "/api/kernel/release?contextId=" + contextId, headers: headers)
    }
}
