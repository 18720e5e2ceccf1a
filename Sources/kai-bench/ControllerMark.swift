import Foundation
import Synchronization

/// Both processes' counters at one moment of a controller benchmark; two marks give the cost of
/// the phase between them.
struct ControllerMark: Sendable {
    var time: ContinuousClock.Instant
    /// CPU of this process: the operator, plus the benchmark's own creates and progress checks.
    var operatorCPU: Duration
    var operatorResidentBytes: Int
    var load: String
    var server: ControllerServerProcess.Stats

    static func take(_ server: ControllerServerProcess) async throws -> ControllerMark {
        let stats = try await server.stats()
        return ControllerMark(time: ContinuousClock.now, operatorCPU: cpuTime(), operatorResidentBytes: residentBytes(),
                              load: loadAverage(), server: stats)
    }

    /// Commits to the cluster between `self` and `later`, of any resource.
    func serverWrites(until later: ControllerMark) -> Int64 { later.server.resourceVersion - server.resourceVersion }

    /// Operator CPU seconds between `self` and `later`.
    func operatorCPUSeconds(until later: ControllerMark) -> Double { seconds(later.operatorCPU - operatorCPU) }

    /// Server CPU seconds between `self` and `later`.
    func serverCPUSeconds(until later: ControllerMark) -> Double { later.server.cpuSeconds - server.cpuSeconds }
}

/// The marks of one run, by phase, taken from the benchmark's `observe` callback (which cannot throw).
final class ControllerMarks<Phase: Hashable & Sendable>: Sendable {
    private let state = Mutex<(marks: [Phase: ControllerMark], failure: String?)>(([:], nil))
    private let server: ControllerServerProcess

    init(server: ControllerServerProcess) { self.server = server }

    /// Takes the mark of `phase`; a failure is kept and thrown by ``mark(_:)``.
    func take(_ phase: Phase) async {
        do {
            let mark = try await ControllerMark.take(server)
            state.withLock { $0.marks[phase] = mark }
        } catch {
            state.withLock { $0.failure = $0.failure ?? "at \(phase): \(error)" }
        }
    }

    /// The mark of `phase`.
    /// - Throws: ``BenchError`` when it was never taken (the run ended early or the server did not answer).
    func mark(_ phase: Phase) throws -> ControllerMark {
        try state.withLock { state in
            guard let mark = state.marks[phase] else {
                throw BenchError("no measurement at \(phase)" + (state.failure.map { " (\($0))" } ?? ""))
            }
            return mark
        }
    }
}
