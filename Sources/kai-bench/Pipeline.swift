import Foundation
import KubeCache
import KubeClient
import KubeQueue
import KubeTransport
import KubeWatch
import Logging

/// What a controller runs in front of its reconcilers: a client, an informer caching the
/// benchmark objects, and an event handler that adds each changed object's key to a work queue.
struct Pipeline: Sendable {
    let client: KubeClient
    let informer: Informer<BenchChannel>
    let queue: WorkQueue<String>

    /// Connects to `server` (through the kubeconfig it wrote, as the operator would).
    /// - Parameters:
    ///   - decoding: how the informer's watcher decodes; the default is what
    ///     `Informer(client:)` uses (no managedFields, shared strings). Anything else builds the
    ///     watcher by hand, to measure what each option saves (managedFields are then still
    ///     stripped before caching).
    ///   - tuneAllocator: apply `AllocatorTuning.mapLargeBuffersSeparately()` first, as kai-operator's startup does.
    init(server: ServerProcess, namespace: String, decoding: DecodingOptions = InformerConfiguration<BenchChannel>().decoding,
         tuneAllocator: Bool = true) throws {
        if tuneAllocator { AllocatorTuning.mapLargeBuffersSeparately() }
        let quiet = Logger(label: "kai-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        client = try KubeClient(kubeconfig: server.kubeconfig, logger: quiet)
        let configuration = InformerConfiguration<BenchChannel>()
        if decoding == configuration.decoding {
            informer = try Informer(client: client, BenchChannel.self, namespace: namespace, configuration: configuration, logger: quiet)
        } else {
            let watcher = Watcher(client: client, BenchChannel.self, namespace: namespace, decoding: decoding, logger: quiet)
            informer = try Informer(watcher: watcher, configuration: configuration, logger: quiet)
        }
        let queue = WorkQueue<String>()
        self.queue = queue
        let store = informer.store
        informer.addEventHandler(EventHandler { queue.add(store.key(of: $0)) })
    }

    /// Starts the informer; cancel the task to stop it.
    func start() -> Task<Void, Never> {
        let informer = informer
        return Task { await informer.run() }
    }

    /// Waits until the queue is empty and no key is being processed (the initial keys drained).
    func waitUntilQueueIsIdle() async throws {
        while queue.count > 0 || queue.processingCount > 0 {
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
