import Foundation
import Synchronization

/// The transcript replay's wall clock: frozen, so that managedFields entries
/// written within one recorded second keep their recorded order, and moved
/// on only where the recording's actions were seconds apart (their order is
/// by time, to the second).
final class ReplayWallClock: Sendable {
    private let current: Mutex<Date>

    init(start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
