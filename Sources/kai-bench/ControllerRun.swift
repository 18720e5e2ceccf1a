import Foundation

/// The four marks of one controller benchmark run, and the report lines every controller
/// benchmark prints from them.
struct ControllerRun {
    /// When the first object was about to be created.
    let start: ControllerMark
    let converged: ControllerMark
    let quietStart: ControllerMark
    let end: ControllerMark

    /// - Throws: ``BenchError`` when a phase has no mark (the run ended early or the server did not answer).
    init<Phase: ControllerBenchmarkPhase>(_ marks: ControllerMarks<Phase>) throws {
        start = try marks.mark(.creating)
        converged = try marks.mark(.converged)
        quietStart = try marks.mark(.quietStarted)
        end = try marks.mark(.quietEnded)
    }

    /// Server commits from the first create to convergence, of any resource.
    var writesToConverge: Int64 { start.serverWrites(until: converged) }

    /// Server commits in the quiet window, of any resource.
    var quietWrites: Int64 { quietStart.serverWrites(until: end) }

    /// The CPU, memory and load lines of the report; `serverDetail` ends the server's line.
    func emitCosts(serverDetail: String = "") {
        emit("  operator process: CPU \(format(start.operatorCPUSeconds(until: converged))) s to converge, "
            + "\(format(quietStart.operatorCPUSeconds(until: end))) s while quiet; RSS \(mebibytes(converged.operatorResidentBytes)) "
            + "at convergence (peak \(mebibytes(max(peakResidentBytes(), converged.operatorResidentBytes))))")
        emit("  server process: CPU \(format(start.serverCPUSeconds(until: converged))) s to converge, "
            + "\(format(quietStart.serverCPUSeconds(until: end))) s while quiet; RSS \(mebibytes(end.server.residentBytes))"
            + serverDetail)
        emit("  load average: \(start.load) at start, \(converged.load) at convergence, \(end.load) at the end")
    }
}
