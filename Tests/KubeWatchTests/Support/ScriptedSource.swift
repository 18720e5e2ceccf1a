import KubeClient
import KubeTransport
import KubeWatch
import Synchronization

/// A `WatchSource` whose answers the test scripts in advance: each list or watch call takes
/// the next scripted reply (or waits until one is scripted) and is recorded for assertions.
final class ScriptedSource: WatchSource, Sendable {
    typealias Events = AsyncThrowingStream<WatchEvent<Widget>, any Error>

    enum ListReply: Sendable {
        case page(WatchListPage<Widget>)
        case failure(KubeError)
    }

    enum WatchReply: Sendable {
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

    var description: String { "widgets.demo.example.com in namespace demo" }

    // MARK: Scripting

    func scriptList(_ items: [Widget], rv: String?, continue token: String? = nil) {
        reply(list: .page(WatchListPage(items: items, resourceVersion: rv, continueToken: token)))
    }

    func scriptListFailure(_ error: KubeError) { reply(list: .failure(error)) }

    /// Scripts a watch whose events the test pushes through the returned continuation.
    @discardableResult
    func scriptWatch() -> Events.Continuation {
        let (stream, continuation) = Events.makeStream()
        state.withLock { $0.continuations.append(continuation) }
        reply(watch: .stream(stream))
        return continuation
    }

    func scriptWatchFailure(_ error: KubeError) { reply(watch: .failure(error)) }

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

    var listCalls: [ListOptions] { state.withLock { $0.listCalls } }
    var watchCalls: [WatchOptions] { state.withLock { $0.watchCalls } }

    // MARK: WatchSource

    func list(_ options: ListOptions) async throws(KubeError) -> WatchListPage<Widget> {
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

    func watch(_ options: WatchOptions) async throws(KubeError) -> WatchEventStream<Widget> {
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

    func metadata(of object: Widget) -> ObjectMeta { object.metadata }

    func removeManagedFields(from object: inout Widget) { object.metadata.managedFields = nil }
}

/// Errors as the client reports them.
enum Failures {
    static func gone(_ message: String = "too old resource version: 1 (1969)") -> KubeError {
        .api(APIError(code: 410, method: "WATCH", url: "https://test/apis/demo.example.com/v1/namespaces/demo/widgets",
                      status: Status(status: "Failure", message: message, reason: "Expired", code: 410),
                      body: [], retryAfter: nil))
    }

    static func status(_ code: Int, _ reason: String, _ message: String = "refused") -> KubeError {
        .api(APIError(code: code, method: "GET", url: "https://test/apis/demo.example.com/v1/namespaces/demo/widgets",
                      status: Status(status: "Failure", message: message, reason: reason, code: code),
                      body: [], retryAfter: nil))
    }

    static var connectionLost: KubeError {
        .transport(TransportError(kind: .connectionLost, method: "GET", url: "https://test/apis/demo.example.com/v1/widgets",
                                  summary: "Connection reset by peer"))
    }
}
