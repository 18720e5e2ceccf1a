import KubeReconcile

/// A cache the test syncs by hand.
final class StubCache: SyncedCache {
    let started = Probe<Bool>()
    private let synced = Gate()
    private let flag = Probe<Bool>()

    var cacheDescription: String { "stub widgets in namespace demo" }
    var hasSynced: Bool { !flag.values.isEmpty }

    func markSynced() {
        flag.record(true)
        synced.open()
    }

    func run() async {
        started.record(true)
        try? await waitForCancellation()
    }

    func waitForSync() async -> Bool {
        await withTaskCancellationHandler {
            await synced.wait()
        } onCancel: {
            synced.open()
        }
        return hasSynced
    }
}
