/// How a transport authenticates servers and itself over TLS (the TLS half of a
/// kubeconfig cluster + user entry).
public struct TLSOptions: Sendable, Hashable {
    /// PEM CA certificate(s) to trust *instead of* the system trust store; nil trusts
    /// the system store.
    public var caPEM: [UInt8]?
    /// PEM client certificate presented to the server (requires ``clientKeyPEM``).
    public var clientCertificatePEM: [UInt8]?
    /// PEM private key of the client certificate (PKCS#8, SEC1 or PKCS#1). Kept in
    /// memory: it is handed to libcurl as a blob, never written to disk.
    public var clientKeyPEM: [UInt8]?
    /// Skip verification of the server's certificate and host name. Only for tests and
    /// explicit `insecure-skip-tls-verify` configurations.
    public var insecureSkipVerify: Bool
    /// The name to verify the server certificate against (and send as SNI) instead of
    /// the URL's host (kubeconfig `tls-server-name`).
    ///
    /// Implemented by connecting to the URL's host and port while addressing the
    /// request to this name (libcurl's `CURLOPT_CONNECT_TO`), with the `Host` header
    /// kept as the URL's; libcurl has no separate "verify as" option. Proxy
    /// selection (`NO_PROXY`) then sees this name rather than the URL's host.
    public var serverName: String?

    /// TLS options; all defaults verify the server against the system trust store.
    public init(
        caPEM: [UInt8]? = nil,
        clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil,
        insecureSkipVerify: Bool = false,
        serverName: String? = nil
    ) {
        self.caPEM = caPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }
}
