import Foundation
import JSON
import KaiAPI
import KubeClient
import KubeReconcile

extension ChannelReconciler {
    /// Writes the status `transform` computes from the current one: a merge patch of only what
    /// changed, with the resourceVersion as precondition; on a conflict the object is read again
    /// and `transform` runs on the fresh status. Nothing is written when nothing changed.
    /// - Parameter generation: the generation the status describes (`observedGeneration`);
    ///   nil keeps the current one.
    /// - Returns: whether a write happened.
    @discardableResult
    func writeStatus(_ run: inout ChannelRun, generation: Int64?,
                     _ transform: (inout ChannelStatusBuilder) -> Void) async throws -> Bool {
        let written = try await ChannelStatusWriter.write(run.object, client: client, clock: clock, now: run.now,
                                                          generation: generation, transform)
        let version = run.meta.resourceVersion
        run.object = written
        guard run.meta.resourceVersion != version else { return false }
        writes.record(written, now: now())
        return true
    }
}
