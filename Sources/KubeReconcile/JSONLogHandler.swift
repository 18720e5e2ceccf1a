public import Foundation
import JSON
import KubeClient
public import Logging

/// A `LogHandler` that writes one JSON object per line, as controller-runtime's zap JSON
/// encoder does, so log collectors can index every field:
///
/// ```json
/// {"ts":"2026-11-22T07:42:16.670325Z","level":"info","logger":"kai.controller","msg":"reconcile succeeded","controller":"channel","namespace":"demo","name":"c1","reconcileID":"…"}
/// ```
///
/// Metadata keys become top-level fields (after `ts`, `level`, `logger`, `msg`, sorted, and
/// never overriding those four); nested metadata becomes JSON arrays and objects. An error
/// attached to the log call is written as `error`.
public struct JSONLogHandler: LogHandler {
    /// Where finished lines go (without the trailing newline).
    public typealias Sink = @Sendable (String) -> Void

    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Contributes task-local metadata to every line.
    public var metadataProvider: Logger.MetadataProvider?
    /// Lines below this level are not written.
    public var logLevel: Logger.Level = .info
    let label: String
    let sink: Sink
    let now: @Sendable () -> Date

    /// A handler for `label`.
    /// - Parameters:
    ///   - sink: receives each line; the default writes it to standard error.
    ///   - now: the timestamp source (tests pass a fixed date).
    public init(label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil,
                sink: @escaping Sink = JSONLogHandler.standardError, now: @escaping @Sendable () -> Date = { Date() }) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.sink = sink
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        sink(line(for: event))
    }

    /// The JSON line of one event.
    func line(for event: LogEvent) -> String {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var object: JSONValue = [
            "ts": .string(Timestamp.formatMicro(now())),
            "level": .string(event.level.rawValue),
            "logger": .string(label),
            "msg": .string(event.message.description),
        ]
        if let error = event.error, merged["error"] == nil { merged["error"] = .string("\(error)") }
        for key in merged.keys.sorted() where object[key] == nil {
            if let value = merged[key] { object[key] = Self.json(value) }
        }
        return object.serialized()
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let convertible): return .string(convertible.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let members):
            var object = JSONValue.emptyObject
            for key in members.keys.sorted() { if let member = members[key] { object[key] = json(member) } }
            return object
        }
    }

    /// Writes a line and a newline to standard error in one call, so lines of concurrent tasks do not interleave.
    public static let standardError: Sink = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
