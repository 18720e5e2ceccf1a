import Foundation

/// The lines of a file descriptor (a pipe between the benchmark and its server process).
///
/// Read by blocking `read(2)` calls on a thread of its own: blocking a thread of the
/// concurrency pool instead would take one of this machine's two workers away from the
/// server or the informer being measured.
enum LineStream {
    /// The lines (without their `\n`) until end of file or a read error.
    static func lines(of descriptor: Int32) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let thread = Thread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                for byte in chunk[..<count] {
                    if byte == UInt8(ascii: "\n") {
                        continuation.yield(String(decoding: pending, as: UTF8.self))
                        pending.removeAll(keepingCapacity: true)
                    } else {
                        pending.append(byte)
                    }
                }
            }
            if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
            continuation.finish()
        }
        thread.name = "kai-bench-lines"
        thread.start()
        return stream
    }
}
