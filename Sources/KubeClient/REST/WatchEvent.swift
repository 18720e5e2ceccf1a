public import JSON

/// One event of a watch stream. `ERROR` events are thrown as ``KubeError/api(_:)``
/// (410 `Expired` included), never delivered as values.
public enum WatchEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A progress mark: everything up to `resourceVersion` has been sent.
    /// `initialEventsEnd` is set on the bookmark that ends a streaming initial list.
    case bookmark(resourceVersion: String, initialEventsEnd: Bool)

    /// The object of an added/modified/deleted event.
    public var object: Object? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        case .bookmark: return nil
        }
    }
}

/// Splits a byte stream into lines. Watch bodies are newline-delimited JSON and
/// an HTTP chunk can hold several events or part of one, so events are found by
/// newlines, never by chunk boundaries.
public struct LineSplitter: Sendable {
    private var buffer: [UInt8] = []
    /// Lines longer than this are an error rather than unbounded memory.
    public var maxLineLength: Int

    public init(maxLineLength: Int = 64 << 20) { self.maxLineLength = maxLineLength }

    /// Appends a chunk and returns the complete lines it finished (without `\n`).
    public mutating func feed(_ chunk: [UInt8]) throws(KubeError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (i, byte) in chunk.enumerated() where byte == UInt8(ascii: "\n") {
            if buffer.isEmpty {
                lines.append(Array(chunk[start..<i]))
            } else {
                buffer.append(contentsOf: chunk[start..<i])
                lines.append(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            start = i + 1
        }
        if start < chunk.count { buffer.append(contentsOf: chunk[start...]) }
        guard buffer.count <= maxLineLength else {
            throw .watch("an event is longer than \(maxLineLength) bytes")
        }
        return lines.filter { !$0.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") } }
    }

    /// Bytes of an unfinished line (non-empty at the end of a stream means it was cut).
    public var pending: [UInt8] { buffer }
}
