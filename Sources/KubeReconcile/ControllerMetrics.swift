import Prometheus

/// The `controller_runtime_*` series of one controller.
struct ControllerMetrics: Sendable {
    let success: Counter
    let error: Counter
    let requeueAfter: Counter
    let errors: Counter
    let terminalErrors: Counter
    let reconcileTime: DurationHistogram
    let maxConcurrentReconciles: Gauge
    let activeWorkers: Gauge

    init(_ metrics: OperatorMetrics, controller: String) {
        let registry = metrics.registry
        typealias Name = OperatorMetrics.Name
        func total(_ result: String) -> Counter {
            registry.makeCounter(descriptor: Name.reconcileTotal, labels: [("controller", controller), ("result", result)])
        }
        // Created up front (at zero), as controller-runtime does, so every series exists from the start.
        success = total("success")
        error = total("error")
        requeueAfter = total("requeue_after")
        errors = registry.makeCounter(descriptor: Name.reconcileErrors, labels: [("controller", controller)])
        terminalErrors = registry.makeCounter(descriptor: Name.terminalReconcileErrors, labels: [("controller", controller)])
        reconcileTime = registry.makeDurationHistogram(descriptor: Name.reconcileTime, labels: [("controller", controller)],
                                                       buckets: OperatorMetrics.reconcileTimeBuckets)
        maxConcurrentReconciles = registry.makeGauge(descriptor: Name.maxConcurrentReconciles, labels: [("controller", controller)])
        activeWorkers = registry.makeGauge(descriptor: Name.activeWorkers, labels: [("controller", controller)])
    }

    /// Counts one finished reconcile.
    func count(_ outcome: ReconcileOutcome) {
        switch outcome {
        case .success: success.increment()
        case .requeueAfter: requeueAfter.increment()
        case .error:
            error.increment()
            errors.increment()
        case .terminalError:
            error.increment()
            errors.increment()
            terminalErrors.increment()
        }
    }
}
