import Foundation

extension Pipeline {
    /// Runs `body` against a live pipeline: starts a `kai-bench serve` child with `objects` in
    /// `namespace`, connects a pipeline to it, starts the informer and, once it has synced, the
    /// task `workers` returns to drain the queue; `body` runs once the initial keys are drained
    /// and the informer's watch is open. Afterwards the queue is shut down (and the workers
    /// awaited), the informer cancelled and the child stopped, whether `body` returns or throws.
    /// - Parameter extraArguments: more `serve` options.
    static func run<T>(objects: Int, namespace: String, tls: Bool, extraArguments: [String] = [],
                       workers: (Pipeline) -> Task<Void, Never>,
                       _ body: (ServerProcess, Pipeline) async throws -> T) async throws -> T {
        let server = try await ServerProcess(arguments: ["--objects", "\(objects)", "--namespace", namespace] + extraArguments
                                                + (tls ? ["--tls"] : []))
        defer { server.stop() }
        let pipeline = try Pipeline(server: server, namespace: namespace)
        let informerTask = pipeline.start()
        defer { informerTask.cancel() }
        guard await pipeline.informer.waitForSync() else { throw BenchError("the informer never synced") }

        let workerTask = workers(pipeline)
        defer { pipeline.queue.shutDown() }
        try await pipeline.waitUntilQueueIsIdle()
        try await server.waitForWatches()
        let result = try await body(server, pipeline)
        pipeline.queue.shutDown()
        await workerTask.value
        return result
    }
}
