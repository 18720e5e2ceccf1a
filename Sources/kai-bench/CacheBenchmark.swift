import ArgumentParser
import Foundation
import KubeClient

/// Cache sync time and resident memory with N objects: the informer lists them from a server in
/// another process, caches them and enqueues their keys, as a controller's informer does.
struct CacheBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Informer sync time and resident memory with N custom objects (one fresh process per N).")

    @Option(parsing: .upToNextOption, help: "Object counts to measure, each in a fresh process.")
    var objects: [Int] = [10_000, 50_000]

    @Option(help: "Namespace of the objects.")
    var namespace = "bench"

    @Flag(help: "Talk HTTPS to the server (default: plain HTTP on loopback).")
    var tls = false

    @Flag(inversion: .prefixedNo, help: "Skip metadata.managedFields while decoding (--no-skip-managed-fields: decode it, then strip it before caching).")
    var skipManagedFields = true

    @Flag(inversion: .prefixedNo, help: "Share equal strings of a list page while decoding.")
    var intern = true

    @Flag(inversion: .prefixedNo, help: "Fix glibc's mmap threshold, as kai-operator's startup does.")
    var tuneAllocator = true

    /// The flags that differ from the defaults, passed on to the fresh processes.
    var variantArguments: [String] {
        (tls ? ["--tls"] : []) + (skipManagedFields ? [] : ["--no-skip-managed-fields"]) + (intern ? [] : ["--no-intern"])
            + (tuneAllocator ? [] : ["--no-tune-allocator"])
    }

    func validate() throws {
        guard !objects.isEmpty, objects.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--objects needs one or more positive counts, got \(objects)")
        }
    }

    func run() async throws {
        guard objects.count == 1, let count = objects.first else {
            // Memory is only comparable in a process that has cached nothing before.
            for count in objects {
                try runFreshProcess(["cache", "--objects", "\(count)", "--namespace", namespace] + variantArguments)
            }
            return
        }
        try await measure(count)
    }

    func measure(_ count: Int) async throws {
        let server = try await ServerProcess(arguments: ["--objects", "\(count)", "--namespace", namespace] + (tls ? ["--tls"] : []))
        defer { server.stop() }
        let variant = variantArguments.filter { $0 != "--tls" }
        emit("cache sync, \(count) objects\(variant.isEmpty ? "" : " (" + variant.joined(separator: " ") + ")") "
              + "(server process: created them in \(format(server.createSeconds)) s, its RSS \(mebibytes(server.serverResidentBytes)))")

        let pipeline = try Pipeline(server: server, namespace: namespace,
                                    decoding: DecodingOptions(skipManagedFields: skipManagedFields, internStrings: intern),
                                    tuneAllocator: tuneAllocator)
        let before = residentBytes()
        let anonymousBefore = anonymousResidentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = cpuTime()
        let task = pipeline.start()
        defer { task.cancel() }
        guard await pipeline.informer.waitForSync() else { throw BenchError("the informer never synced") }
        let elapsed = start.duration(to: clock.now)
        let cpu = cpuTime() - cpuStart
        // Measured once the informer watches: by then it has let go of the list it buffered
        // (the signal is set while that list is still in scope).
        try await server.waitForWatches()
        let after = residentBytes()
        let anonymousAfter = anonymousResidentBytes()
        let peak = peakResidentBytes()
        let heap = heapUsage()
        let cached = pipeline.informer.store.count
        guard cached == count else { throw BenchError("the cache holds \(cached) objects, expected \(count)") }
        let trimmed = trimmedResidentBytes()

        emit("  sync \(format(seconds(elapsed))) s (\(rate(count, elapsed)) objects; this process used \(format(seconds(cpu))) s CPU; "
             + "load average \(loadAverage())), \(pipeline.queue.count) keys queued")
        emit("  RSS before \(mebibytes(before)), after sync \(mebibytes(after)) "
              + "(+\(mebibytes(after - before)), \(String(format: "%.2f", Double(after - before) / Double(count) / 1024)) KiB/object), "
              + "peak \(mebibytes(peak)), after malloc_trim \(mebibytes(trimmed)); "
              + "anonymous RSS \(mebibytes(anonymousBefore)) -> \(mebibytes(anonymousAfter))")
        if let heap {
            emit("  malloc heap \(mebibytes(heap.current)), of it in use \(mebibytes(heap.current - heap.free)) "
                 + "(\(String(format: "%.2f", Double(heap.current - heap.free) / Double(count) / 1024)) KiB/object), free chunks \(mebibytes(heap.free))")
        }
    }
}

/// The heap glibc's allocator holds for this process and how much of it is in use, from
/// `malloc_info` (not in the Glibc module map): `current` is every arena's size plus mapped
/// blocks, `free` the free chunks in its bins. The difference is the live heap plus the unused
/// top of each arena; RSS beyond it is executable and library pages, stacks, and free pages.
func heapUsage() -> (current: Int, free: Int)? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_info") else { return nil }
    typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>) -> Int32
    var buffer: UnsafeMutablePointer<CChar>?
    var length = 0
    guard let stream = open_memstream(&buffer, &length) else { return nil }
    _ = unsafeBitCast(symbol, to: MallocInfo.self)(0, stream)
    fclose(stream)
    defer { free(buffer) }
    guard let buffer else { return nil }
    let xml = String(cString: buffer)
    // The totals over every arena follow the last `</heap>`.
    guard let end = xml.range(of: "</heap>", options: .backwards) else { return nil }
    let totals = xml[end.upperBound...]
    func size(_ tag: String) -> Int {
        guard let start = totals.range(of: tag), let sizeStart = totals[start.upperBound...].range(of: "size=\"") else { return 0 }
        let digits = totals[sizeStart.upperBound...].prefix { $0.isNumber }
        return Int(digits) ?? 0
    }
    let mapped = size(#"<total type="mmap""#)
    return (size(#"<system type="current""#) + mapped, size(#"<total type="fast""#) + size(#"<total type="rest""#))
}
