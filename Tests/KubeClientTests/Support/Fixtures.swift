import Foundation
import JSON
import KubeClient
import Testing

/// The custom resource of the transcripts (`demo.example.com/v1` Widget).
struct Widget: KubernetesResource, Equatable {
    static let resource = ResourceType(group: "demo.example.com", version: "v1", resource: "widgets", kind: "Widget", namespaced: true)
    struct Spec: Codable, Sendable, Equatable { var color: String?; var size: Int? }
    struct State: Codable, Sendable, Equatable { var observedGeneration: Int64?; var conditions: [Condition]? }
    var apiVersion = "demo.example.com/v1"
    var kind = "Widget"
    var metadata: ObjectMeta
    var spec: Spec?
    var status: State?
}

/// A scratch directory removed at deinit.
final class TemporaryDirectory: Sendable {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "kai-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }
}

let widgetJSON = #"{"apiVersion":"demo.example.com/v1","kind":"Widget","metadata":{"name":"w1","namespace":"kt","resourceVersion":"7","uid":"u1","generation":1},"spec":{"color":"red","size":3}}"#

func client(_ server: ScriptedServer, clock: RecordingClock = RecordingClock(), configure: (inout ClientConfiguration) -> Void = { _ in }) throws -> KubeClient {
    var config = ClientConfiguration(server: server.url, credentials: .bearerToken("t0k3n"), namespace: "kt")
    configure(&config)
    return try KubeClient(configuration: config, clock: clock)
}

/// Runs `body` expecting a ``KubeError`` and returns it (records an issue otherwise).
func expectKubeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> KubeError? {
    do {
        try await body()
        Issue.record("expected a KubeError", sourceLocation: sourceLocation)
        return nil
    } catch let error as KubeError {
        return error
    } catch {
        Issue.record("expected a KubeError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
