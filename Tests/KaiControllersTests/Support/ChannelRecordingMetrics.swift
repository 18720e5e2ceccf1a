import CoreMetrics
import Synchronization

/// A swift-metrics factory that keeps every value, for assertions on the Channel metrics.
final class ChannelRecordingMetrics: MetricsFactory, Sendable {
    final class Handler: CounterHandler, FloatingPointCounterHandler, RecorderHandler, TimerHandler, MeterHandler, Sendable {
        let values = Mutex<[Double]>([])
        func increment(by amount: Int64) { values.withLock { $0.append(($0.last ?? 0) + Double(amount)) } }
        func increment(by amount: Double) { values.withLock { $0.append(($0.last ?? 0) + amount) } }
        func decrement(by amount: Double) { values.withLock { $0.append(($0.last ?? 0) - amount) } }
        func reset() { values.withLock { $0.append(0) } }
        func record(_ value: Int64) { values.withLock { $0.append(Double(value)) } }
        func record(_ value: Double) { values.withLock { $0.append(value) } }
        func recordNanoseconds(_ duration: Int64) { values.withLock { $0.append(Double(duration) / 1e9) } }
        func set(_ value: Int64) { values.withLock { $0.append(Double(value)) } }
        func set(_ value: Double) { values.withLock { $0.append(value) } }
        var last: Double? { values.withLock { $0.last } }
        var count: Int { values.withLock { $0.count } }
    }

    let handlers = Mutex<[String: Handler]>([:])

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    func handler(_ label: String, _ dimensions: [(String, String)]) -> Handler {
        handlers.withLock { handlers in
            let key = Self.key(label, dimensions)
            if let handler = handlers[key] { return handler }
            let handler = Handler()
            handlers[key] = handler
            return handler
        }
    }

    /// The last value of a series (a counter's total, a gauge's value), nil when never touched.
    func value(_ label: String, _ dimensions: [(String, String)]) -> Double? {
        handlers.withLock { $0[Self.key(label, dimensions)] }?.last
    }

    /// How many values a series recorded (a timer's observations).
    func observations(_ label: String, _ dimensions: [(String, String)]) -> Int {
        handlers.withLock { $0[Self.key(label, dimensions)] }?.count ?? 0
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { handler(label, dimensions) }
    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler { handler(label, dimensions) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { handler(label, dimensions) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { handler(label, dimensions) }
    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler { handler(label, dimensions) }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
}
