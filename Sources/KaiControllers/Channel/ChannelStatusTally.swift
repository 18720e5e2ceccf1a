import JSON
import KubeCache
import Synchronization

/// Counts the cached Channels per `status.kernelStatus` for the `kai_channels` gauge,
/// updated from the informers' events (no periodic scan).
final class ChannelStatusTally: Sendable {
    /// The gauge's label values; a Channel without status counts as `Pending`.
    static let statuses = ["Pending", "Creating", "Created", "Failed"]

    let metrics: ChannelMetrics
    let state = Mutex<(byKey: [String: String], counts: [String: Int])>(([:], [:]))

    init(metrics: ChannelMetrics) {
        self.metrics = metrics
    }

    /// The handler to register on every Channel informer.
    var handler: EventHandler<JSONValue> {
        EventHandler(onAdd: { self.update($0, deleted: false) },
                     onUpdate: { _, new in self.update(new, deleted: false) },
                     onDelete: { self.update($0, deleted: true) })
    }

    func update(_ object: JSONValue, deleted: Bool) {
        let key = (object[path: "metadata", "namespace"]?.stringValue ?? "") + "/" + (object[path: "metadata", "name"]?.stringValue ?? "")
        let status = object[path: "status", "kernelStatus"]?.stringValue.flatMap { Self.statuses.contains($0) ? $0 : nil } ?? "Pending"
        state.withLock { state in
            let old = state.byKey[key]
            let new = deleted ? nil : status
            guard old != new else { return }
            if let old { state.counts[old, default: 0] -= 1 }
            if let new { state.counts[new, default: 0] += 1 }
            state.byKey[key] = new
            // Under the lock, so concurrent informers cannot publish counts out of order.
            metrics.setChannelCounts(state.counts)
        }
    }

    /// The current counts (for tests).
    var counts: [String: Int] { state.withLock { $0.counts } }
}
