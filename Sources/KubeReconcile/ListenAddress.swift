/// Where an HTTP endpoint listens, parsed from flags like `--metrics-bind-address`.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The interface (`0.0.0.0` for all, `127.0.0.1`, `::1`).
    public var host: String
    /// The port; 0 picks a free one (tests).
    public var port: Int

    /// An address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `:PORT` (every interface) or `[IPv6]:PORT`, as Go's `net.Listen`
    /// accepts them; `0` means the endpoint is disabled (nil).
    /// - Parameter flag: names the flag in the error.
    /// - Throws: ``ReconcileConfigurationError`` naming the flag and what is wrong.
    public static func parse(_ text: String, flag: String) throws(ReconcileConfigurationError) -> ListenAddress? {
        let trimmed = text.trimmingWhitespace
        if trimmed == "0" { return nil }
        func fail(_ reason: String) -> ReconcileConfigurationError {
            ReconcileConfigurationError(setting: flag, reason: "\(reason) in \"\(text)\" (expected HOST:PORT, :PORT or 0 to disable)")
        }
        let host: Substring
        let portText: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw fail("missing ] after an IPv6 address") }
            host = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.first == ":" else { throw fail("missing :PORT after the IPv6 address") }
            portText = rest.dropFirst()
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else { throw fail("missing :PORT") }
            host = trimmed[..<colon]
            portText = trimmed[trimmed.index(after: colon)...]
            if host.contains(":") { throw fail("an IPv6 address must be in brackets") }
        }
        guard let port = Int(portText), (0...65535).contains(port) else { throw fail("the port must be a number in 0...65535") }
        return ListenAddress(host: host.isEmpty ? "0.0.0.0" : String(host), port: port)
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
