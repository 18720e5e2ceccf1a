import KaiControllers

/// The phases at which a controller benchmark's `observe` callback fires, and a mark is taken.
protocol ControllerBenchmarkPhase: Hashable, Sendable {
    /// Caches synced; the first object is about to be created.
    static var creating: Self { get }
    /// Every object reached its goal state.
    static var converged: Self { get }
    /// The quiet window starts.
    static var quietStarted: Self { get }
    /// The quiet window is over.
    static var quietEnded: Self { get }
}

extension ChannelBenchmark.Phase: ControllerBenchmarkPhase {}
extension DevSessionBenchmark.Phase: ControllerBenchmarkPhase {}
