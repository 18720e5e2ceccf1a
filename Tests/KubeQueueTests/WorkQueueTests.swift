import KubeQueue
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WorkQueueTests {
    @Test func addingAKeyManyTimesBeforeItIsProcessedQueuesItOnce() async {
        let queue = WorkQueue<String>()
        for _ in 0..<5 { queue.add("a") }
        queue.add("b")
        queue.add("a")
        #expect(queue.count == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(queue.count == 0)
    }

    @Test func keysComeOutFirstInFirstOutAndAReAddKeepsItsPlace() async {
        let queue = WorkQueue<Int>()
        for key in [3, 1, 2] { queue.add(key) }
        queue.add(3)
        var order: [Int] = []
        for _ in 0..<3 { order.append(await queue.get() ?? -1) }
        #expect(order == [3, 1, 2])
    }

    @Test func keyAddedWhileProcessingIsHandedOutAgainAfterDone() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        queue.add("a")
        queue.add("a")
        // Not queued while a worker holds it: no second worker may get it.
        #expect(queue.count == 0)
        #expect(queue.processingCount == 1)
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
        queue.done("a")
        #expect(queue.count == 0)
        #expect(queue.processingCount == 0)
    }

    @Test func doneForAKeyNotBeingProcessedDoesNothing() async {
        let queue = WorkQueue<String>()
        queue.done("ghost")
        queue.add("a")
        // "a" is queued, not processing: done must not queue it a second time.
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
        queue.done("a")
        queue.done("a")
        #expect(queue.count == 0)
    }

    @Test func idleWorkerIsHandedTheNextKey() async {
        let queue = WorkQueue<String>()
        let worker = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 1 }
        queue.add("a")
        #expect(await worker.value == "a")
        #expect(queue.idleWorkerCount == 0)
        #expect(queue.processingCount == 1)
        // It is being processed, so re-adding does not queue it.
        queue.add("a")
        #expect(queue.count == 0)
    }

    @Test func idleWorkersAreServedInTheOrderTheyArrived() async {
        let queue = WorkQueue<String>()
        let first = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 1 }
        let second = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 2 }
        queue.add("a")
        #expect(await first.value == "a")
        queue.add("b")
        #expect(await second.value == "b")
    }

    @Test func cancellingAnIdleWorkerReturnsNilWithoutLosingKeys() async {
        let queue = WorkQueue<String>()
        let worker = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 1 }
        worker.cancel()
        #expect(await worker.value == nil)
        #expect(queue.idleWorkerCount == 0)
        queue.add("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
    }

    @Test func keyDoneWhileAWorkerWaitsIsHandedToIt() async {
        let queue = WorkQueue<String>()
        queue.add("a")
        #expect(await queue.get() == "a")
        queue.add("a")
        let worker = Task { await queue.get() }
        await eventually { queue.idleWorkerCount == 1 }
        queue.done("a")
        #expect(await worker.value == "a")
    }
}
