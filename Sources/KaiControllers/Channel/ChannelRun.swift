import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeWatch
import Logging

/// The state of one reconcile: the Channel as last read or written.
struct ChannelRun {
    /// The object as the server last had it (after this reconcile's own writes).
    var object: JSONValue {
        didSet { meta = ObjectMeta(metadataOf: object) }
    }
    var meta: ObjectMeta
    /// The decoded Channel as the reconcile started (its spec is what the reconcile acts on).
    var channel: Channel?
    /// When the reconcile started.
    let now: Date
    let logger: Logger

    init(object: JSONValue, now: Date, logger: Logger) {
        self.object = object
        meta = ObjectMeta(metadataOf: object)
        self.now = now
        self.logger = logger
    }

    var uid: String? { meta.uid }
    var name: String { meta.name ?? "" }
    var namespace: String { meta.namespace ?? "" }
}
