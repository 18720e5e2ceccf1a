import JSON
import KaiAPI
import KubeClient

/// Channels shared by the KaiAPI tests.
enum ChannelExamples {
    /// Every optional field set (and every array with an element), so that encoding it shows
    /// every field the Swift types have.
    static var fullyPopulated: Channel {
        var metadata = ObjectMeta(name: "cooking", namespace: "demo")
        metadata.uid = "8d2c8f0e-3a4e-4f6e-9a51-0c2f4b8e1d11"
        metadata.generation = 3
        let spec = ChannelSpec(
            displayName: "Cooking with Ada", description: "Recipes", userID: "user-1",
            config: ["youtubeChannelId": "UC1", "nested": ["a": 1]],
            kernel: ChannelKernelSpec(modelID: "gpt-4o", temperature: 0.2, maxTokens: 1024, embeddingModelID: "text-embedding-3",
                                      enabledPlugins: ["YouTubePlugin"]),
            kernelAPI: ChannelKernelAPISpec(url: "http://kernel:8080", authSecretRef: ChannelSecretKeyRef(name: "kernel-token", key: "token")),
            retry: ChannelRetrySpec(maxRetries: 4, initialDelaySeconds: 2, maxDelaySeconds: 60),
            creatingTimeoutSeconds: 120, resyncIntervalSeconds: 300, suspend: true)
        let status = ChannelStatus(
            observedGeneration: 3,
            conditions: [Condition(type: "Ready", status: "True", observedGeneration: 3, lastTransitionTime: "2026-01-02T03:04:05Z",
                                   reason: "KernelCreated", message: "ok")],
            contextID: "8d2c8f0e-3a4e-4f6e-9a51-0c2f4b8e1d11", kernelStatus: .created, kernelError: "500 Internal Server Error - boom",
            kernelCreatedAt: "2026-01-02T03:04:05Z", kernelLastUpdated: "2026-01-02T03:04:05Z", kernelSpecHash: "0123456789abcdef",
            qdrantCollectionStatus: .failed, qdrantCollectionError: "disk full",
            qdrantCollectionCreatedAt: "2026-01-02T03:04:05Z", qdrantCollectionLastUpdated: "2026-01-02T03:04:05Z",
            retryCount: 1, nextRetryAt: "2026-01-02T03:04:08Z",
            kernel: ChannelKernelInfo(userID: "u", lastAccessTime: "2026-01-02T03:04:05.123Z",
                                      modelInfo: .init(completionModelID: "gpt-4o", temperature: 0.2, maxTokens: 1024),
                                      plugins: [.init(name: "YouTubePlugin", functions: ["SearchVideos"])]),
            lastHandledReconcileAt: "2026-01-02T03:00:00Z", lastHandledRetry: "1")
        return Channel(metadata: metadata, spec: spec, status: status)
    }
}
