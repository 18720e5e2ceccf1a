import Foundation
import JSON
import KubeClient

/// The custom object of the cache benchmarks: shaped like a `kai.dev` Channel (spec with several
/// fields, labels, an annotation, a status with three conditions), about 1 KiB of JSON before the
/// server adds `managedFields` (which the informer strips).
///
/// Served by its own CRD (`benchchannels.bench.kai.dev`) *without* the status subresource, so
/// the server keeps the status given at creation: objects are bulk-created in one call each,
/// with no separate status write.
struct BenchChannel: KubernetesResource {
    static let resource = ResourceType(group: "bench.kai.dev", version: "v1alpha1", resource: "benchchannels",
                                       kind: "BenchChannel", namespaced: true)
    static let apiVersion = "bench.kai.dev/v1alpha1"
    /// Wall-clock time (nanoseconds since 1970) at which the server process wrote the object;
    /// set on the latency samples only.
    static let writtenAtAnnotation = "bench.kai.dev/written-at"

    var apiVersion: String
    var kind: String
    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable {
        var displayName: String
        var description: String?
        var userID: String?
        var config: [String: String]?
        var kernel: Kernel
        var kernelAPI: KernelAPI?
        var retry: Retry?
        var creatingTimeoutSeconds: Int?
        var resyncIntervalSeconds: Int?
        var suspend: Bool?
    }

    struct Kernel: Codable, Sendable {
        var modelID: String
        var temperature: Double
        var maxTokens: Int?
        var embeddingModelID: String?
        var enabledPlugins: [String]
    }

    struct KernelAPI: Codable, Sendable {
        var url: String
        var authSecretRef: SecretKeyRef?
    }

    struct SecretKeyRef: Codable, Sendable {
        var name: String
        var key: String
    }

    struct Retry: Codable, Sendable {
        var maxRetries: Int
        var initialDelaySeconds: Int
        var maxDelaySeconds: Int
    }

    struct Status: Codable, Sendable {
        var observedGeneration: Int64
        var conditions: [Condition]
        var contextID: String?
        var kernelStatus: String?
        var qdrantCollectionStatus: String?
        var kernelCreatedAt: String?
        var retryCount: Int
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes as `Channel.init(from:)` does, with `apiVersion` and `kind` (the same on every
    /// object) shared through the response's string interner when the decoder has one.
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = decoder.interned(try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? Self.apiVersion)
        kind = decoder.interned(try c.decodeIfPresent(String.self, forKey: .kind) ?? Self.resource.kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decode(Spec.self, forKey: .spec)
        status = try c.decodeIfPresent(Status.self, forKey: .status)
    }

    /// The wall-clock stamp of a latency sample, if the object carries one.
    var writtenAt: Date? {
        guard let text = metadata.annotations?[Self.writtenAtAnnotation], let nanos = Int64(text) else { return nil }
        return Date(timeIntervalSince1970: Double(nanos) / 1e9)
    }
}

extension BenchChannel {
    /// A realistic object named `name` in `namespace`; `index` varies the values from object to
    /// object, as in a real cluster (so the decoder cannot share strings between them).
    static func sample(name: String, namespace: String, index: Int, writtenAt: Date? = nil) -> JSONValue {
        let now = "2026-01-15T10:\(String(format: "%02d", index / 60 % 60)):\(String(format: "%02d", index % 60))Z"
        var annotations: JSONValue = ["kai.dev/owner-email": .string("user\(index % 997)@example.com")]
        if let writtenAt {
            annotations[writtenAtAnnotation] = .string(String(Int64(writtenAt.timeIntervalSince1970 * 1e9)))
        }
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": "True", "observedGeneration": 1,
             "lastTransitionTime": .string(now), "reason": .string(reason), "message": .string(message)]
        }
        return [
            "apiVersion": .string(apiVersion), "kind": .string(resource.kind),
            "metadata": [
                "name": .string(name), "namespace": .string(namespace),
                "labels": ["app.kubernetes.io/name": "kai-channel", "app.kubernetes.io/instance": .string(name),
                           "kai.dev/tier": .string(["free", "pro", "team"][index % 3])],
                "annotations": annotations,
            ],
            "spec": [
                "displayName": .string("Support channel \(index)"),
                "description": .string("Answers questions of team \(index % 211)"),
                "userID": .string("user-\(index % 997)"),
                "kernel": ["modelID": "gpt-4", "temperature": 0.7, "enabledPlugins": ["YouTubePlugin"]],
                "retry": ["maxRetries": 5, "initialDelaySeconds": 3, "maxDelaySeconds": 300],
                "creatingTimeoutSeconds": 300, "resyncIntervalSeconds": 600, "suspend": false,
            ],
            "status": [
                "observedGeneration": 1,
                "conditions": [
                    condition("Ready", "Reconciled", "kernel and collection are ready"),
                    condition("KernelReady", "Created", "kernel is created"),
                    condition("CollectionReady", "Created", "collection is created"),
                ],
                "contextID": .string(String(format: "%08x-4b1d-4c2a-9e3f-%012x", index, index * 7919)),
                "kernelStatus": "Created", "qdrantCollectionStatus": "Created", "retryCount": 0,
            ],
        ]
    }

    /// The CRD that serves the benchmark objects: a structural schema whose spec and status keep
    /// unknown fields (the benchmark measures the client, not the server's validation).
    static var crd: JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(resource.qualifiedName)],
            "spec": [
                "group": .string(resource.group), "scope": "Namespaced",
                "names": ["plural": .string(resource.resource), "singular": "benchchannel", "kind": .string(resource.kind),
                          "listKind": .string(resource.kind + "List")],
                "versions": [[
                    "name": .string(resource.version), "served": true, "storage": true,
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
    }
}
