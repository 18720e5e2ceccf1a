import Foundation
import JSON
@testable import KaiControllers
import Testing

/// The controller's in-memory helpers: write expectations, the per-key lock, the write counter.
@Suite struct ChannelInternalsTests {
    func object(uid: String, version: String, status: String) -> JSONValue {
        ["metadata": ["uid": .string(uid), "resourceVersion": .string(version), "managedFields": [["manager": "x"]]],
         "status": ["kernelStatus": .string(status)]]
    }

    @Test func aWriteIsTrustedUntilTheCacheHasIt() {
        let writes = ChannelWrites(timeout: .seconds(30))
        let t0 = Date(timeIntervalSince1970: 0)
        let stale = object(uid: "u", version: "5", status: "Creating")
        let written = object(uid: "u", version: "7", status: "Created")
        writes.record(written, now: t0)
        // The cache still holds version 5 (or 6, an earlier write's event): the write is newer.
        #expect(writes.current(stale, now: t0)?["status"] == ["kernelStatus": "Created"])
        #expect(writes.current(stale, now: t0)?[path: "metadata", "managedFields"] == nil)
        // The cache caught up.
        #expect(writes.current(written, now: t0)?[path: "metadata", "resourceVersion"] == "7")
        #expect(writes.pendingCount == 0)
    }

    @Test func anObservedWriteIsForgottenAndAStaleOneExpires() {
        let writes = ChannelWrites(timeout: .seconds(30))
        let t0 = Date(timeIntervalSince1970: 0)
        writes.record(object(uid: "u", version: "7", status: "Created"), now: t0)
        writes.observe(object(uid: "u", version: "6", status: "Creating"))
        #expect(writes.pendingCount == 1)
        writes.observe(object(uid: "u", version: "7", status: "Created"))
        #expect(writes.pendingCount == 0)
        writes.record(object(uid: "v", version: "9", status: "Created"), now: t0)
        let cached = object(uid: "v", version: "8", status: "Creating")
        #expect(writes.current(cached, now: t0.addingTimeInterval(31))?["status"] == ["kernelStatus": "Creating"])
    }

    @Test func aDeletingWriteHidesTheStaleCopyUntilTheDeleteArrives() {
        let writes = ChannelWrites(timeout: .seconds(30))
        let t0 = Date(timeIntervalSince1970: 0)
        let stale = object(uid: "u", version: "5", status: "Created")
        writes.recordDeleted(uid: "u", now: t0)
        #expect(writes.current(stale, now: t0) == nil)
        writes.forget(uid: "u")
        #expect(writes.current(stale, now: t0) != nil)
    }

    @Test func theKeyedLockSerialisesOneKeyAndNotOthers() async {
        let lock = ChannelKeyedLock()
        let log = LockedLog()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    await lock.withLock(index % 2 == 0 ? "even" : "odd") {
                        log.enter(index % 2 == 0 ? "even" : "odd")
                        await Task.yield()
                        log.leave(index % 2 == 0 ? "even" : "odd")
                    }
                }
            }
        }
        #expect(log.maxInside == ["even": 1, "odd": 1])
        #expect(log.entries == 50)
        #expect(lock.waiters.withLock { $0.isEmpty })
    }

    @Test func theWriteCounterCountsOnlyChannelWrites() {
        #expect(ChannelWriteCounter.path(of: "http://h:1/apis/kai.dev/v1alpha1/namespaces/d/channels/c/status?x=1")
                == "/apis/kai.dev/v1alpha1/namespaces/d/channels/c/status")
        #expect(ChannelWriteCounter.path(of: "no-scheme") == nil)
    }
}

/// How many tasks were inside the lock at once, per key.
final class LockedLog: Sendable {
    let state = Mutex<(inside: [String: Int], max: [String: Int], entries: Int)>(([:], [:], 0))
    func enter(_ key: String) {
        state.withLock { state in
            state.inside[key, default: 0] += 1
            state.max[key] = max(state.max[key] ?? 0, state.inside[key] ?? 0)
            state.entries += 1
        }
    }
    func leave(_ key: String) { state.withLock { $0.inside[key, default: 0] -= 1 } }
    var maxInside: [String: Int] { state.withLock { $0.max } }
    var entries: Int { state.withLock { $0.entries } }
}

import Synchronization
