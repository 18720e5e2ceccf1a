import JSON
import Testing
@testable import KubeTestServer

@Suite("Workload simulation")
struct SimulationTests {
    static let deployment: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
        "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                 "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "app", "image": "nginx:1.27"]]]]],
    ]

    @Test("a Deployment becomes available after the configured delay on the injected clock")
    func deploymentBecomesAvailable() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock, simulation: WorkloadSimulation(deploymentReadyDelay: .seconds(2))) { server, client in
            _ = try await client.post("/apis/apps/v1/namespaces/default/deployments", Self.deployment)
            let progressing = try await client.get("/apis/apps/v1/namespaces/default/deployments/web").json
            #expect(progressing[path: "status", "observedGeneration"] == 1)
            #expect(progressing[path: "status", "availableReplicas"] == nil)
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            var available: JSONValue = .null
            for _ in 0..<100 {
                available = try await client.get("/apis/apps/v1/namespaces/default/deployments/web").json
                if available[path: "status", "availableReplicas"] != nil { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(available[path: "status", "readyReplicas"] == 2)
            #expect(available[path: "status", "updatedReplicas"] == 2)
            let conditions = available[path: "status", "conditions"]?.arrayValue ?? []
            #expect(conditions.first { $0["type"] == "Available" }?["status"] == "True")
            #expect(conditions.first { $0["type"] == "Progressing" }?["reason"] == "NewReplicaSetAvailable")
            #expect(available[path: "metadata", "managedFields"]?.arrayValue?.contains { $0["manager"] == "kube-controller-manager" } == true)
        }
    }

    @Test("without simulation nothing writes Deployment status; Services still get a clusterIP")
    func simulationOff() async throws {
        try await withServer { server, client in
            _ = try await client.post("/apis/apps/v1/namespaces/default/deployments", Self.deployment)
            #expect(try await client.get("/apis/apps/v1/namespaces/default/deployments/web").json["status"] == [:])
            let svc = try await client.post("/api/v1/namespaces/default/services", [
                "apiVersion": "v1", "kind": "Service", "metadata": ["name": "s"], "spec": ["ports": [["port": 80]]],
            ]).json
            #expect(svc[path: "spec", "clusterIP"]?.stringValue?.hasPrefix("10.") == true)
        }
    }

    @Test("a PersistentVolumeClaim becomes Bound")
    func volumeBinds() async throws {
        let clock = ManualClock()
        try await withServer(clock: clock, simulation: WorkloadSimulation(volumeBindDelay: .seconds(1))) { server, client in
            let claim = try await client.post("/api/v1/namespaces/default/persistentvolumeclaims", [
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "data"],
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "10Gi"]]],
            ]).json
            #expect(claim[path: "status", "phase"] == "Pending")
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(1))
            var bound: JSONValue = .null
            for _ in 0..<100 {
                bound = try await client.get("/api/v1/namespaces/default/persistentvolumeclaims/data").json
                if bound[path: "status", "phase"] == "Bound" { break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(bound[path: "status", "phase"] == "Bound")
            #expect(bound[path: "status", "capacity", "storage"] == "10Gi")
        }
    }
}
