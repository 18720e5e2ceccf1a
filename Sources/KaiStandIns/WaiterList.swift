/// Suspended tasks waiting for something, each under a unique id so that a cancelled
/// waiter can be found and removed, and each with a `Tag` saying what it waits for.
/// Lives inside a `Mutex`-guarded state; callers resume the continuations outside the lock.
struct WaiterList<Tag, Value: Sendable> {
    struct Entry {
        var tag: Tag
        var continuation: CheckedContinuation<Value, any Error>
    }

    private var waiting: [UInt64: Entry] = [:]
    /// Ids whose task was cancelled before the waiter was added (the cancellation
    /// handler can run first); adding such an id fails at once.
    private var cancelledEarly: Set<UInt64> = []
    private var nextID: UInt64 = 0

    init() {}

    var count: Int { waiting.count }

    func count(where matches: (Tag) -> Bool) -> Int {
        waiting.values.count { matches($0.tag) }
    }

    mutating func makeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// Adds a waiter; returns false (and does not keep it) when its id was already cancelled.
    mutating func add(_ id: UInt64, tag: Tag, _ continuation: CheckedContinuation<Value, any Error>) -> Bool {
        if cancelledEarly.remove(id) != nil { return false }
        waiting[id] = Entry(tag: tag, continuation: continuation)
        return true
    }

    /// Removes and returns the waiter, or remembers the id as cancelled when it is not there yet.
    mutating func cancel(_ id: UInt64) -> CheckedContinuation<Value, any Error>? {
        if let entry = waiting.removeValue(forKey: id) { return entry.continuation }
        cancelledEarly.insert(id)
        return nil
    }

    /// Removes and returns every waiter whose tag matches, oldest first.
    mutating func removeAll(where matches: (Tag) -> Bool) -> [CheckedContinuation<Value, any Error>] {
        let ids = waiting.filter { matches($0.value.tag) }.keys.sorted()
        return ids.compactMap { waiting.removeValue(forKey: $0)?.continuation }
    }
}
