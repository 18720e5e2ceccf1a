public import Logging

/// A logger that drops everything, for servers and clients under test.
public let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
