/// Why ``CertificateAuthority`` could not load or issue a certificate.
public struct SandboxTLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A human-readable reason naming the offending input.
    public var message: String

    /// An error with the given reason.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "SandboxTLS: \(message)" }
}
