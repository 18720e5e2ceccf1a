import KubeClient
import Logging

extension Watcher {
    /// Runs the state machine: each `next()` performs requests until it has an event to report.
    /// Not `Sendable`: one task consumes it.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = WatcherEvent<Object>
        public typealias Failure = Never

        let source: AnyWatchSource<Object>
        let configuration: WatcherConfiguration
        let clock: ElapsedClock
        let logger: Logger
        var state: WatcherState<Object> = .empty
        var backoff: ReconnectBackoff
        /// Set after a failure: slept before the next request.
        var pendingDelay: Duration?
        /// Starts as the configured strategy; a failed streaming list falls back to `.list`.
        var initialList: WatcherConfiguration.InitialList

        /// A watch closed sooner than this without any event counts as a failure (client-go's rule).
        static var shortWatch: Duration { .seconds(1) }

        init(source: AnyWatchSource<Object>, configuration: WatcherConfiguration, clock: ElapsedClock, logger: Logger) {
            self.source = source
            self.configuration = configuration
            self.clock = clock
            self.logger = logger
            backoff = configuration.backoff
            initialList = configuration.initialList
        }

        /// The next event; nil only once the consuming task is cancelled.
        public mutating func next() async -> WatcherEvent<Object>? {
            while !Task.isCancelled {
                if let delay = pendingDelay {
                    pendingDelay = nil
                    do { try await clock.sleep(delay) } catch { return nil }
                    continue
                }
                if let event = await step() { return event }
            }
            return nil
        }

        /// Performs one transition; returns the event it produced, if any.
        mutating func step() async -> WatcherEvent<Object>? {
            switch state {
            case .empty:
                switch initialList {
                case .list: state = .initialListing(page: [], next: .first, resourceVersion: nil)
                case .streaming: state = .initialStreaming(stream: nil)
                }
                return .initStarted

            case .initialListing(var page, let next, let resourceVersion):
                if let object = page.popFirst() {
                    state = .initialListing(page: page, next: next, resourceVersion: resourceVersion)
                    return .initApply(object)
                }
                switch next {
                case .none:
                    guard let resourceVersion, !resourceVersion.isEmpty else {
                        return fail(.missingResourceVersion, nil, then: .empty)
                    }
                    state = .initialListed(resourceVersion: resourceVersion)
                    return .initDone
                case .first, .token:
                    return await fetchPage(next, resourceVersion: resourceVersion)
                }

            case .initialStreaming(let stream):
                guard var stream else { return await openInitialStream() }
                return await readInitialStream(&stream)

            case .initialListed(let resourceVersion):
                return await openWatch(from: resourceVersion)

            case .watching(let resourceVersion, var stream, let openedAt, let events):
                return await readWatch(&stream, resourceVersion: resourceVersion, openedAt: openedAt, events: events)
            }
        }

        // MARK: - Paged list

        mutating func fetchPage(_ next: WatcherState<Object>.NextPage, resourceVersion: String?) async -> WatcherEvent<Object>? {
            var options = ListOptions(labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
                                      limit: configuration.pageSize)
            if case .token(let token) = next { options.continue = token }
            let page: WatchListPage<Object>
            do { page = try await source.list(options) } catch {
                if Task.isCancelled { return nil }
                return fail(error.isGone ? .expired : .listFailed, error, then: .empty)
            }
            let listVersion = page.resourceVersion.flatMap { $0.isEmpty ? nil : $0 } ?? resourceVersion
            let token = page.continueToken ?? ""
            state = .initialListing(page: page.items[...], next: token.isEmpty ? .none : .token(token),
                                    resourceVersion: listVersion)
            return nil
        }

        // MARK: - Streaming initial list

        mutating func openInitialStream() async -> WatcherEvent<Object>? {
            var options = WatchOptions(labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
                                       allowWatchBookmarks: true, sendInitialEvents: true,
                                       timeoutSeconds: configuration.watchTimeoutSeconds)
            // Required by the server with sendInitialEvents; without a resourceVersion it means
            // "a consistent snapshot at least as new as now".
            options.resourceVersionMatch = "NotOlderThan"
            do {
                let stream = try await source.watch(options)
                state = .initialStreaming(stream: stream.makeAsyncIterator())
                return nil
            } catch {
                if Task.isCancelled { return nil }
                if error.isGone { return fail(.expired, error, then: .empty) }
                // The server understood and refused the parameters: list at once, no backoff.
                let refused = error.isBadRequest || error.isInvalid
                return fallBackToList(error, immediately: refused)
            }
        }

        mutating func readInitialStream(_ stream: inout WatchEventStream<Object>.AsyncIterator) async -> WatcherEvent<Object>? {
            let event: WatchEvent<Object>?
            do { event = try await stream.next() } catch {
                if Task.isCancelled { return nil }
                let kubeError = error as? KubeError
                if kubeError?.isGone == true { return fail(.expired, kubeError, then: .empty) }
                return fallBackToList(kubeError ?? .watch("\(error)"), immediately: false)
            }
            switch event {
            case .added(let object), .modified(let object):
                state = .initialStreaming(stream: stream)
                return .initApply(object)
            case .deleted(let object):
                // The API server never sends these before the initial-events-end bookmark.
                let name = source.metadata(of: object).name ?? "?"
                logger.debug("ignoring a DELETED event during the initial events", metadata: ["source": "\(source)", "name": "\(name)"])
                state = .initialStreaming(stream: stream)
                return nil
            case .bookmark(let resourceVersion, let initialEventsEnd):
                guard initialEventsEnd else {
                    state = .initialStreaming(stream: stream)
                    return nil
                }
                guard !resourceVersion.isEmpty else { return fail(.missingResourceVersion, nil, then: .empty) }
                state = .watching(resourceVersion: resourceVersion, stream: stream, openedAt: clock.now(), events: 1)
                return .initDone
            case nil:
                return fallBackToList(nil, immediately: false)
            }
        }

        mutating func fallBackToList(_ error: KubeError?, immediately: Bool) -> WatcherEvent<Object> {
            initialList = .list
            if immediately {
                state = .empty
                return report(WatcherError(kind: .initialEventsFailed, source: source.description, underlying: error, retryAfter: .zero))
            }
            return fail(.initialEventsFailed, error, then: .empty)
        }

        // MARK: - Watch

        mutating func openWatch(from resourceVersion: String) async -> WatcherEvent<Object>? {
            let options = WatchOptions(resourceVersion: resourceVersion, labelSelector: configuration.labelSelector,
                                       fieldSelector: configuration.fieldSelector, allowWatchBookmarks: configuration.bookmarks,
                                       timeoutSeconds: configuration.watchTimeoutSeconds)
            do {
                let stream = try await source.watch(options)
                state = .watching(resourceVersion: resourceVersion, stream: stream.makeAsyncIterator(), openedAt: clock.now(), events: 0)
                return nil
            } catch {
                if Task.isCancelled { return nil }
                if error.isGone { return fail(.expired, error, then: .empty) }
                return fail(.watchStartFailed, error, then: .initialListed(resourceVersion: resourceVersion))
            }
        }

        mutating func readWatch(_ stream: inout WatchEventStream<Object>.AsyncIterator, resourceVersion: String,
                                openedAt: Duration, events: Int) async -> WatcherEvent<Object>? {
            let event: WatchEvent<Object>?
            do { event = try await stream.next() } catch {
                if Task.isCancelled { return nil }
                let kubeError = error as? KubeError
                if kubeError?.isGone == true { return fail(.expired, kubeError, then: .empty) }
                return fail(.watchFailed, kubeError ?? .watch("\(error)"), then: .initialListed(resourceVersion: resourceVersion))
            }
            switch event {
            case .added(let object), .modified(let object), .deleted(let object):
                guard let version = source.metadata(of: object).resourceVersion, !version.isEmpty else {
                    return fail(.missingResourceVersion, nil, then: .empty)
                }
                state = .watching(resourceVersion: version, stream: stream, openedAt: openedAt, events: events + 1)
                if case .deleted = event { return .delete(object) }
                return .apply(object)
            case .bookmark(let version, _):
                state = .watching(resourceVersion: version.isEmpty ? resourceVersion : version, stream: stream,
                                  openedAt: openedAt, events: events + 1)
                return nil
            case nil:
                // A clean close (the server's timeoutSeconds, a restart): resume from where we are.
                if events == 0, clock.now() - openedAt < Self.shortWatch {
                    return fail(.watchClosedEarly, nil, then: .initialListed(resourceVersion: resourceVersion))
                }
                logger.debug("watch closed, reconnecting", metadata: ["source": "\(source)", "resourceVersion": "\(resourceVersion)"])
                state = .initialListed(resourceVersion: resourceVersion)
                return nil
            }
        }

        // MARK: - Failures

        /// Moves to `next`, schedules the backoff delay and reports the failure.
        mutating func fail(_ kind: WatcherError.Kind, _ error: KubeError?, then next: WatcherState<Object>) -> WatcherEvent<Object> {
            state = next
            let delay = backoff.delay(afterFailureAt: clock.now())
            pendingDelay = delay
            return report(WatcherError(kind: kind, source: source.description, underlying: error, retryAfter: delay))
        }

        func report(_ error: WatcherError) -> WatcherEvent<Object> {
            switch error.kind {
            case .expired:
                logger.info("\(error)")
            default:
                if error.underlying?.isForbidden == true || error.underlying?.isUnauthorized == true {
                    logger.error("\(error)")
                } else {
                    logger.warning("\(error)")
                }
            }
            return .error(error)
        }
    }
}

extension KubeError {
    var isBadRequest: Bool { apiError?.reason == .badRequest }
}
