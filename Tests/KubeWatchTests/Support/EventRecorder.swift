import KubeWatch

/// Consumes a watcher on a task of its own and hands its events to the test one at a time,
/// so the test can advance a manual clock while the watcher sleeps.
final class EventRecorder<Object: Sendable>: Sendable {
    private let events: AsyncStream<WatcherEvent<Object>>
    private let task: Task<Void, Never>

    init(_ watcher: Watcher<Object>) {
        let (events, continuation) = AsyncStream<WatcherEvent<Object>>.makeStream()
        self.events = events
        task = Task {
            for await event in watcher { continuation.yield(event) }
            continuation.finish()
        }
    }

    /// The next event; nil once the watcher's sequence ended.
    func next() async -> WatcherEvent<Object>? {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
    }

    /// The next `count` events.
    func next(_ count: Int) async -> [WatcherEvent<Object>] {
        var out: [WatcherEvent<Object>] = []
        for _ in 0..<count {
            guard let event = await next() else { break }
            out.append(event)
        }
        return out
    }

    func cancel() { task.cancel() }

    /// Waits for the consuming task to end.
    func finished() async { await task.value }

    deinit { task.cancel() }
}

/// A compact, comparable rendering of events for `#expect`.
func render<Object>(_ events: [WatcherEvent<Object>], name: (Object) -> String) -> [String] {
    events.map { event in
        switch event {
        case .initStarted: return "initStarted"
        case .initApply(let object): return "initApply \(name(object))"
        case .initDone: return "initDone"
        case .apply(let object): return "apply \(name(object))"
        case .delete(let object): return "delete \(name(object))"
        case .error(let error): return "error \(error.kind)"
        }
    }
}

func render(_ events: [WatcherEvent<Widget>]) -> [String] {
    render(events) { "\($0.name)@\($0.metadata.resourceVersion ?? "")" }
}
