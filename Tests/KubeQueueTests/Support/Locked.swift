import Synchronization

/// A reference-type `Mutex` for test bookkeeping shared with child tasks (a `Mutex` itself is
/// non-copyable and cannot be captured by escaping closures created in a loop).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value {
        mutex.withLock { $0 }
    }

    @discardableResult
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
