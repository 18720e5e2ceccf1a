/// A certificate and its private key, both PEM-encoded, as issued by ``CertificateAuthority``.
///
/// The key is PKCS#8 (`-----BEGIN PRIVATE KEY-----`, ECDSA P-256), which OpenSSL
/// (curl), Go (kubectl, client-go) and swift-nio-ssl all read.
public struct IssuedCertificate: Sendable, Equatable {
    /// The certificate (`-----BEGIN CERTIFICATE-----`).
    public var certificatePEM: String
    /// The private key (`-----BEGIN PRIVATE KEY-----`, PKCS#8).
    public var privateKeyPEM: String

    /// Pairs a certificate with its key.
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
