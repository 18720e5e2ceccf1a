import KubeQueue
import Testing

@Suite
struct ManualClockTests {
    @Test func nowMovesOnlyWhenAdvanced() {
        let clock = ManualClock()
        #expect(clock.now == .zero)
        clock.advance(by: .seconds(3))
        #expect(clock.now == ManualClock.Instant(offset: .seconds(3)))
        clock.advance(to: ManualClock.Instant(offset: .seconds(5)))
        #expect(clock.now.offset == .seconds(5))
    }

    @Test func timeNeverGoesBackwards() {
        let clock = ManualClock(now: ManualClock.Instant(offset: .seconds(10)))
        #expect(clock.advance(by: .seconds(-4)) == 0)
        clock.advance(to: .zero)
        #expect(clock.now.offset == .seconds(10))
    }

    @Test func sleeperWakesOnlyOnceItsDeadlineIsReached() async throws {
        let clock = ManualClock()
        let woke = Locked(false)
        let sleeper = Task {
            try await clock.sleep(for: .seconds(2))
            woke.withLock { $0 = true }
        }
        await clock.waitForSleepers(count: 1)
        #expect(clock.advance(by: .seconds(1)) == 0)
        #expect(clock.pendingSleepers == 1)
        #expect(woke.value == false)
        #expect(clock.advance(by: .seconds(1)) == 1)
        try await sleeper.value
        #expect(woke.value)
        #expect(clock.pendingSleepers == 0)
    }

    @Test func pastDeadlineReturnsAtOnce() async throws {
        let clock = ManualClock()
        clock.advance(by: .seconds(5))
        try await clock.sleep(until: ManualClock.Instant(offset: .seconds(4)))
        #expect(clock.pendingSleepers == 0)
    }

    @Test func sleepersResumeInDeadlineOrder() async throws {
        let clock = ManualClock()
        let order = Locked<[Int]>([])
        // Each sleeper starts only once the previous one is registered, so the
        // registration order is 3 s, 1 s, 2 s, 1 s: deadline order must win.
        let deadlines = [3, 1, 2, 1]
        var tasks: [Task<Void, any Error>] = []
        for (index, seconds) in deadlines.enumerated() {
            tasks.append(Task {
                try await clock.sleep(until: ManualClock.Instant(offset: .seconds(seconds)))
                order.withLock { $0.append(index) }
            })
            await clock.waitForSleepers(count: index + 1)
        }
        #expect(clock.nextDeadline == ManualClock.Instant(offset: .seconds(1)))
        // Advance one deadline at a time so the resumed tasks cannot overtake each other.
        for (expectedCount, step) in [(2, 1), (1, 2), (1, 3)] {
            #expect(clock.advance(to: ManualClock.Instant(offset: .seconds(step))) == expectedCount)
            while order.value.count < tasks.count - clock.pendingSleepers {
                await Task.yield()
            }
        }
        for task in tasks { try await task.value }
        let woken = order.value
        #expect(Set(woken.prefix(2)) == [1, 3])
        #expect(Array(woken.suffix(2)) == [2, 0])
    }

    @Test func cancellingASleeperRemovesItAndThrows() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        await clock.waitForSleepers(count: 1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.pendingSleepers == 0)
        #expect(clock.nextDeadline == nil)
    }

    @Test func alreadyCancelledTaskThrowsWithoutSleeping() async {
        let clock = ManualClock()
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.pendingSleepers == 0)
    }

    @Test func waitForSleepersReturnsAtOnceWhenEnoughAreAsleep() async {
        let clock = ManualClock()
        await clock.waitForSleepers(count: 0)
        let sleeper = Task { try await clock.sleep(for: .seconds(1)) }
        await clock.waitForSleepers(count: 1)
        await clock.waitForSleepers(count: 1)
        #expect(clock.pendingSleepers == 1)
        sleeper.cancel()
    }

    @Test func cancelledWaitForSleepersReturns() async {
        let clock = ManualClock()
        let waiter = Task { await clock.waitForSleepers(count: 5) }
        waiter.cancel()
        await waiter.value
        #expect(clock.pendingSleepers == 0)
    }

    @Test func worksAsAnyClock() async throws {
        let clock = ManualClock()
        let erased: any Clock<Duration> = clock
        let sleeper = Task { try await erased.sleep(for: .milliseconds(5)) }
        await clock.waitForSleepers(count: 1)
        clock.advance(by: .milliseconds(5))
        try await sleeper.value
    }
}
