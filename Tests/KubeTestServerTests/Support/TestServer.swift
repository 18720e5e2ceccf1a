import Foundation
import JSON
@testable import KubeTestServer

/// Starts a plain-HTTP test server, runs `body`, and shuts it down.
func withServer<T>(
    clock: any Clock<Duration> = ContinuousClock(), simulation: WorkloadSimulation? = nil,
    historyLimit: Int = 1000, users: [KubeTestServer.User] = [],
    _ body: (KubeTestServer, TestHTTPClient) async throws -> T
) async throws -> T {
    let server = try KubeTestServer(options: .init(
        tls: false, users: users, adminToken: "admin-token", workloadSimulation: simulation, clock: clock,
        eventHistoryLimit: historyLimit))
    try await server.start()
    do {
        let result = try await body(server, TestHTTPClient(port: server.port, token: "admin-token"))
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// The Widget CRD of the transcripts (status subresource, printer columns, one CEL rule).
let widgetCRD: JSONValue = [
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": ["name": "widgets.demo.example.com"],
    "spec": [
        "group": "demo.example.com", "scope": "Namespaced",
        "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList", "shortNames": ["wd"]],
        "versions": [[
            "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
            "additionalPrinterColumns": [
                ["name": "Size", "type": "integer", "jsonPath": ".spec.size"],
                ["name": "Color", "type": "string", "jsonPath": ".spec.color"],
                ["name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"],
                ["name": "Observed-Gen", "type": "integer", "jsonPath": ".status.observedGeneration", "priority": 1,
                 "description": "generation last processed by the controller"],
                ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
            ],
            "schema": ["openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": [
                        "type": "object", "required": ["size"],
                        "properties": [
                            "size": ["type": "integer", "minimum": 1],
                            "color": ["type": "string", "enum": ["red", "blue"]],
                            "mode": ["type": "string", "default": "auto"],
                        ],
                        "x-kubernetes-validations": [["rule": "self.size <= 10", "message": "size must be at most 10"]],
                    ],
                    "status": [
                        "type": "object",
                        "properties": [
                            "observedGeneration": ["type": "integer", "format": "int64"],
                            "conditions": [
                                "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
                                "items": [
                                    "type": "object", "required": ["type", "status"],
                                    "properties": [
                                        "type": ["type": "string"],
                                        "status": ["type": "string", "enum": ["True", "False", "Unknown"]],
                                        "reason": ["type": "string"], "message": ["type": "string"],
                                        "lastTransitionTime": ["type": "string", "format": "date-time"],
                                        "observedGeneration": ["type": "integer", "format": "int64"],
                                    ],
                                ],
                            ],
                        ],
                    ],
                ],
            ]],
        ]],
    ],
]

func widget(_ name: String, namespace: String = "default", size: Int64 = 3, color: String = "red",
            labels: JSONValue? = nil) -> JSONValue {
    var w: JSONValue = ["apiVersion": "demo.example.com/v1", "kind": "Widget",
                        "metadata": ["name": .string(name), "namespace": .string(namespace)],
                        "spec": ["size": .int(size), "color": .string(color)]]
    if let labels { w[path: "metadata", "labels"] = labels }
    return w
}

let widgets = "/apis/demo.example.com/v1/namespaces/default/widgets"

/// A clock tests advance by hand: sleepers wake when `advance` passes their deadline.
final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var nextID = 0
    private var sleepers: [Int: (deadline: Instant, continuation: CheckedContinuation<Void, any Error>)] = [:]

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }

    var sleeperCount: Int { lock.withLock { sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let id = lock.withLock { () -> Int in nextID += 1; return nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                lock.lock()
                if deadline <= current || Task.isCancelled {
                    lock.unlock()
                    c.resume()
                } else {
                    sleepers[id] = (deadline, c)
                    lock.unlock()
                }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }

    func advance(by duration: Duration) {
        lock.lock()
        current = current.advanced(by: duration)
        let due = sleepers.filter { $0.value.deadline <= current }
        for id in due.keys { sleepers[id] = nil }
        lock.unlock()
        for sleeper in due.values { sleeper.continuation.resume() }
    }

    /// Waits (in real time, briefly) until `count` tasks sleep on this clock.
    func waitForSleepers(_ count: Int) async {
        for _ in 0..<500 where sleeperCount < count { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
