import ArgumentParser
import Foundation

/// `kai-bench`: the speed and memory figures of `docs/benchmarks.md`.
/// Build and run in release:
/// `swift build -c release --product kai-bench --scratch-path .build-bench`, then
/// `.build-bench/release/kai-bench all` (or one benchmark).
@main
struct KaiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kai-bench",
        abstract: "Benchmarks of kai-operator's runtime and controllers (numbers go in docs/benchmarks.md).",
        subcommands: [AllBenchmarks.self, QueueBenchmark.self, CacheBenchmark.self, EventsBenchmark.self,
                      LatencyBenchmark.self, ServeCommand.self, ChannelsBenchmark.self, DevSessionsBenchmark.self,
                      ControllerServerCommand.self])
}

/// Resident memory of this process in bytes (Linux `/proc/self/statm`).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// The largest resident memory this process has had, in bytes (`VmHWM` of `/proc/self/status`).
func peakResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return kib * 1024
}

/// Anonymous resident memory in bytes (`RssAnon` of `/proc/self/status`): the heap and stacks,
/// without the pages of the executable and shared libraries.
func anonymousResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("RssAnon:") }),
          let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return kib * 1024
}

/// Resident memory after returning the allocator's free pages to the system: what the process
/// actually holds, without the heap's slack.
func trimmedResidentBytes() -> Int {
    // glibc's `malloc_trim` is not in the Glibc module map (it lives in <malloc.h>).
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }
    return residentBytes()
}

/// CPU time (user + system) this process has used so far: unlike wall time, it does not grow
/// when other work on the machine takes the cores away.
func cpuTime() -> Duration {
    var usage = rusage()
    _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}

/// The 1-minute load average, to tell whether other work competed with a measurement.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").first.map(String.init) ?? "?"
}

/// Formats a rate for the report.
func rate(_ count: Int, _ duration: Duration) -> String {
    String(format: "%.0f/s", Double(count) / max(seconds(duration), 1e-9))
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Two decimals.
func format(_ value: Double) -> String { String(format: "%.2f", value) }

/// Bytes as `12.3 MiB`.
func mebibytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

/// Writes one line to standard output at once (unbuffered: a parent process waits for it).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Parses `word key=value key=value` into the word and its fields.
func parseFields(_ line: String) -> (word: String, fields: [String: String]) {
    let parts = line.split(separator: " ")
    var fields: [String: String] = [:]
    for part in parts.dropFirst() {
        guard let equals = part.firstIndex(of: "=") else { continue }
        fields[String(part[..<equals])] = String(part[part.index(after: equals)...])
    }
    return (parts.first.map(String.init) ?? "", fields)
}

/// Runs this executable again with `arguments` (its output goes to ours) and waits for it.
func runFreshProcess(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try ChildProcess.executablePath())
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("kai-bench \(arguments.joined(separator: " ")) failed (exit status \(process.terminationStatus))")
    }
}
