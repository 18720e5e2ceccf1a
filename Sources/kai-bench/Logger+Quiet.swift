import Logging

extension Logger {
    /// A logger that drops everything: the benchmarks measure the code, not its logging.
    static func quiet(_ label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
