public import Foundation
public import Logging

/// The operator's log format (flag `--log-format json|text`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line (``JSONLogHandler``), for log collectors.
    case json
    /// swift-log's human-readable stream handler.
    case text

    /// Parses the flag value.
    /// - Throws: ``ReconcileConfigurationError`` naming the accepted values.
    public init(parsing text: String) throws(ReconcileConfigurationError) {
        guard let format = LogFormat(rawValue: text.lowercased()) else {
            throw ReconcileConfigurationError(setting: "--log-format", reason: "must be json or text, got \"\(text)\"")
        }
        self = format
    }

    /// Makes the handler for a logger `label` in this format.
    public func handler(label: String, level: Logger.Level, now: @escaping @Sendable () -> Date = { Date() }) -> any LogHandler {
        switch self {
        case .json:
            return JSONLogHandler(label: label, level: level, now: now)
        case .text:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Installs this format process-wide (`LoggingSystem.bootstrap`; once per process).
    public func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in handler(label: label, level: level) }
    }
}
