public import KubeClient
public import KubeWatch
import Synchronization

/// A `WatchSource` whose answers the test scripts in advance: each list or watch call takes
/// the next scripted reply (or waits until one is scripted) and is recorded for assertions.
public final class ScriptedWatchSource<Object: KubernetesResource>: WatchSource, Sendable {
    public typealias Events = AsyncThrowingStream<WatchEvent<Object>, any Error>

    /// A scripted answer to one LIST call.
    public enum ListReply: Sendable {
        case page(WatchListPage<Object>)
        case failure(KubeError)
    }

    /// A scripted answer to one WATCH call.
    public enum WatchReply: Sendable {
        case stream(Events)
        case failure(KubeError)
    }

    private struct State {
        var lists: [ListReply] = []
        var watches: [WatchReply] = []
        var listCalls: [ListOptions] = []
        var watchCalls: [WatchOptions] = []
        var listWaiter: CheckedContinuation<ListReply, Never>?
        var watchWaiter: CheckedContinuation<WatchReply, Never>?
        /// Kept so a scripted stream stays open until the test finishes it.
        var continuations: [Events.Continuation] = []
    }

    private let state = Mutex(State())

    /// What the source calls itself in errors and logs.
    public let description: String

    /// - Parameter description: defaults to the demo widgets' collection, as the tests expect.
    public init(description: String = "widgets.demo.example.com in namespace demo") {
        self.description = description
    }

    // MARK: Scripting

    /// Scripts one LIST page.
    public func scriptList(_ items: [Object], rv: String?, continue token: String? = nil) {
        reply(list: .page(WatchListPage(items: items, resourceVersion: rv, continueToken: token)))
    }

    /// Scripts a failing LIST.
    public func scriptListFailure(_ error: KubeError) { reply(list: .failure(error)) }

    /// Scripts a watch whose events the test pushes through the returned continuation.
    @discardableResult
    public func scriptWatch() -> Events.Continuation {
        let (stream, continuation) = Events.makeStream()
        state.withLock { $0.continuations.append(continuation) }
        reply(watch: .stream(stream))
        return continuation
    }

    /// Scripts a WATCH that fails to open.
    public func scriptWatchFailure(_ error: KubeError) { reply(watch: .failure(error)) }

    private func reply(list: ListReply) {
        let waiter = state.withLock { state -> CheckedContinuation<ListReply, Never>? in
            if let waiter = state.listWaiter { state.listWaiter = nil; return waiter }
            state.lists.append(list)
            return nil
        }
        waiter?.resume(returning: list)
    }

    private func reply(watch: WatchReply) {
        let waiter = state.withLock { state -> CheckedContinuation<WatchReply, Never>? in
            if let waiter = state.watchWaiter { state.watchWaiter = nil; return waiter }
            state.watches.append(watch)
            return nil
        }
        waiter?.resume(returning: watch)
    }

    /// The options of every LIST call so far, in order.
    public var listCalls: [ListOptions] { state.withLock { $0.listCalls } }
    /// The options of every WATCH call so far, in order.
    public var watchCalls: [WatchOptions] { state.withLock { $0.watchCalls } }

    // MARK: WatchSource

    public func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<Object> {
        let reply = await withCheckedContinuation { (continuation: CheckedContinuation<ListReply, Never>) in
            let ready = state.withLock { state -> ListReply? in
                state.listCalls.append(options)
                if state.lists.isEmpty { state.listWaiter = continuation; return nil }
                return state.lists.removeFirst()
            }
            if let ready { continuation.resume(returning: ready) }
        }
        switch reply {
        case .page(let page): return page
        case .failure(let error): throw error
        }
    }

    public func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<Object> {
        let reply = await withCheckedContinuation { (continuation: CheckedContinuation<WatchReply, Never>) in
            let ready = state.withLock { state -> WatchReply? in
                state.watchCalls.append(options)
                if state.watches.isEmpty { state.watchWaiter = continuation; return nil }
                return state.watches.removeFirst()
            }
            if let ready { continuation.resume(returning: ready) }
        }
        switch reply {
        case .stream(let events): return WatchEventStream(events)
        case .failure(let error): throw error
        }
    }

    public func metadata(of object: Object) -> ObjectMeta { object.metadata }

    public func removeManagedFields(from object: inout Object) { object.metadata.managedFields = nil }
}
