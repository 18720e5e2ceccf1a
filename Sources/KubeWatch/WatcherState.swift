/// The states of a watcher iterator, as in kube-rs' `watcher::State`.
///
/// ```text
///  empty ──list──▶ initialListing(page…) ──last page drained──▶ initialListed(rv) ──open──▶ watching(rv)
///    │                                                               ▲                       │
///    └──streaming──▶ initialStreaming ──initial-events-end──────────┼──────────────────────▶│
///                                                                    └── closed / broken ────┘
///  any 410 Gone or missing resourceVersion ──▶ empty (relist)
/// ```
enum WatcherState<Object: Sendable> {
    /// Which LIST page comes next.
    enum NextPage {
        case first
        case token(String)
        /// The last page has been fetched.
        case none
    }

    /// Nothing listed yet, or a relist is due: the next step reports `initStarted` and begins
    /// a list.
    case empty
    /// A paged LIST is in progress: `page` holds the objects of the current page not yet
    /// reported; `resourceVersion` is the list's, once a page has arrived.
    case initialListing(page: ArraySlice<Object>, next: NextPage, resourceVersion: String?)
    /// A streaming initial list: `stream` is nil until the WATCH is open.
    case initialStreaming(stream: WatchEventStream<Object>.AsyncIterator?)
    /// The state is known up to `resourceVersion`; the next step opens a WATCH from it.
    case initialListed(resourceVersion: String)
    /// A WATCH is open: `resourceVersion` is the last one seen (object or bookmark),
    /// `openedAt` when it was opened and `events` how many events it delivered, which together
    /// tell a healthy watch that timed out from one the server closed at once.
    case watching(resourceVersion: String, stream: WatchEventStream<Object>.AsyncIterator, openedAt: Duration, events: Int)
}
