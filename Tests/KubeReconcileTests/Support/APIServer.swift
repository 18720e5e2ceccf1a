import Foundation
import JSON
import KubeClient
import KubeTestServer
import Logging

/// Starts an in-memory API server over plain HTTP, runs `body` with an admin client, then
/// stops the server (also when `body` throws).
///
/// The server keeps its own real clock (watch timeouts, bookmarks); the code under test gets
/// a manual clock from each test. The client does not retry server errors, so injected
/// faults surface at once.
func withAPIServer<T>(observer: KubeClient.RequestObserver? = nil,
                      _ body: (KubeTestServer, KubeClient) async throws -> T) async throws -> T {
    let server = try KubeTestServer(options: .init(tls: false, adminToken: "admin-token", logger: quietLogger))
    try await server.start()
    do {
        let client = try makeClient(server, observer: observer)
        let result = try await body(server, client)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// An admin client of `server`.
func makeClient(_ server: KubeTestServer, observer: KubeClient.RequestObserver? = nil) throws -> KubeClient {
    var retry = RetryPolicy()
    retry.maxServerErrorRetries = 0
    retry.maxTooManyRequestsRetries = 0
    return try KubeClient(configuration: ClientConfiguration(server: server.url, credentials: .bearerToken("admin-token")),
                          retry: retry, logger: quietLogger, observer: observer)
}

/// A logger that drops everything (tests assert on behaviour, not on log output).
let quietLogger: Logger = {
    var logger = Logger(label: "kai.test", factory: { _ in SwiftLogNoOpLogHandler() })
    logger.logLevel = .critical
    return logger
}()

/// Creates namespace `name` on the server.
func createNamespace(_ server: KubeTestServer, _ name: String) async throws {
    try await server.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
}

/// A ConfigMap, optionally owned by a `kai.dev/v1alpha1` Channel (a kind the server does not
/// serve, so its garbage collector leaves the child alone).
func configMap(_ name: String, namespace: String = "demo", data: [String: String] = [:], ownerChannel: String? = nil,
               annotations: [String: String] = [:], finalizers: [String]? = nil) -> JSONValue {
    var object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap",
                             "metadata": ["name": .string(name), "namespace": .string(namespace)]]
    if !data.isEmpty { object["data"] = .object(.init(uniqueKeysWithValues: data.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })) }
    if !annotations.isEmpty {
        object[path: "metadata", "annotations"] = .object(.init(uniqueKeysWithValues: annotations.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }
    if let ownerChannel {
        object[path: "metadata", "ownerReferences"] = [channelOwnerReference(ownerChannel).json]
    }
    if let finalizers { object[path: "metadata", "finalizers"] = .array(finalizers.map(JSONValue.string)) }
    return object
}

/// The owning kind used by the event-source tests.
let channelType = ResourceType(group: "kai.dev", version: "v1alpha1", resource: "channels", kind: "Channel", namespaced: true)

func channelOwnerReference(_ name: String) -> OwnerReference {
    OwnerReference(apiVersion: "kai.dev/v1alpha1", kind: "Channel", name: name, uid: "uid-\(name)", controller: true,
                   blockOwnerDeletion: true)
}

/// A small CRD with a status subresource and free-form spec and status.
let gadgetCRD: JSONValue = [
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": ["name": "gadgets.demo.example.com"],
    "spec": [
        "group": "demo.example.com", "scope": "Namespaced",
        "names": ["plural": "gadgets", "singular": "gadget", "kind": "Gadget", "listKind": "GadgetList"],
        "versions": [[
            "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
            "schema": ["openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
            ]],
        ]],
    ],
]

let gadgetType = ResourceType(group: "demo.example.com", version: "v1", resource: "gadgets", kind: "Gadget", namespaced: true)

func gadget(_ name: String, namespace: String = "demo") -> JSONValue {
    ["apiVersion": "demo.example.com/v1", "kind": "Gadget",
     "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": ["size": 1]]
}
