import Foundation
import Crypto
import SwiftASN1
import X509
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-signed certificate authority for the sandbox and for tests: it issues the
/// API server's serving certificate and the client certificates users authenticate with.
///
/// Kubernetes maps an x509 client certificate to a user by its subject: the common
/// name (CN) is the user name and each organization (O) is a group, so
/// ``issueClient(user:groups:validity:)`` encodes exactly that.
///
/// All keys are ECDSA P-256; certificates and keys are PEM strings.
public struct CertificateAuthority: Sendable {
    /// The CA certificate, to be trusted by clients (kubeconfig `certificate-authority-data`)
    /// and by servers that verify client certificates.
    public let certificatePEM: String
    /// The CA's private key (PKCS#8 PEM), so a sandbox can persist and reload its CA.
    public let privateKeyPEM: String

    private let certificate: Certificate
    /// X509's wrapper rather than Crypto's key type, because only the former is `Sendable`.
    private let privateKey: Certificate.PrivateKey

    /// Creates a new CA with a fresh key.
    ///
    /// - Parameters:
    ///   - commonName: The CA's subject common name.
    ///   - validity: The CA certificate's validity window (ten years from now by default).
    public static func generate(
        commonName: String = "kai-sandbox-ca",
        validity: CertificateValidity = .days(3650)
    ) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let signer = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: signer.publicKey,
            notValidBefore: validity.notBefore,
            notValidAfter: validity.notAfter,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: signer.publicKey)
            },
            issuerPrivateKey: signer
        )
        return try CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Loads a CA saved earlier from its ``certificatePEM`` and ``privateKeyPEM``.
    ///
    /// - Throws: ``SandboxTLSError`` naming which PEM could not be read, or when the
    ///   key does not belong to the certificate.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw SandboxTLSError("CA certificate PEM is not a valid certificate: \(error)")
        }
        let key: P256.Signing.PrivateKey
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw SandboxTLSError("CA private key PEM is not an ECDSA P-256 private key: \(error)")
        }
        guard Certificate.PublicKey(key.publicKey) == certificate.publicKey else {
            throw SandboxTLSError("CA private key does not match the CA certificate's public key")
        }
        try self.init(certificate: certificate, privateKey: key)
    }

    private init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) throws {
        self.certificate = certificate
        self.privateKey = Certificate.PrivateKey(privateKey)
        self.certificatePEM = try certificate.serializeAsPEM().pemString
        self.privateKeyPEM = privateKey.pemRepresentation
    }

    /// Issues a TLS serving certificate.
    ///
    /// - Parameters:
    ///   - hosts: The subject alternative names: IP literals (v4 or v6) become IP SANs,
    ///     everything else a DNS SAN. The first one is also the common name.
    ///   - validity: The validity window (one year from now by default; `.expired()` for tests).
    /// - Throws: ``SandboxTLSError`` when `hosts` is empty or contains an empty name.
    public func issueServer(
        hosts: [String] = ["localhost", "127.0.0.1", "::1"],
        validity: CertificateValidity = .days(365)
    ) throws -> IssuedCertificate {
        guard let first = hosts.first else {
            throw SandboxTLSError("issueServer: hosts is empty; a serving certificate needs at least one DNS name or IP")
        }
        var names: [GeneralName] = []
        for host in hosts {
            guard !host.isEmpty else {
                throw SandboxTLSError("issueServer: hosts contains an empty name")
            }
            names.append(Self.generalName(for: host))
        }
        let subject = try DistinguishedName { CommonName(first) }
        return try issue(
            subject: subject,
            validity: validity,
            usage: .serverAuth,
            subjectAlternativeNames: SubjectAlternativeNames(names)
        )
    }

    /// Issues a client certificate that Kubernetes maps to `user` in `groups`.
    ///
    /// - Parameters:
    ///   - user: The user name (subject CN).
    ///   - groups: The groups (one subject O each, in order).
    ///   - validity: The validity window (one year from now by default; `.expired()` for tests).
    /// - Throws: ``SandboxTLSError`` when `user` is empty.
    public func issueClient(
        user: String,
        groups: [String] = [],
        validity: CertificateValidity = .days(365)
    ) throws -> IssuedCertificate {
        guard !user.isEmpty else {
            throw SandboxTLSError("issueClient: user is empty; Kubernetes takes the user name from the certificate's CN")
        }
        var rdns = groups.map {
            RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: $0))
        }
        rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: user)))
        return try issue(
            subject: DistinguishedName(rdns),
            validity: validity,
            usage: .clientAuth,
            subjectAlternativeNames: nil
        )
    }

    private func issue(
        subject: DistinguishedName,
        validity: CertificateValidity,
        usage: ExtendedKeyUsage.Usage,
        subjectAlternativeNames: SubjectAlternativeNames?
    ) throws -> IssuedCertificate {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let authorityKeyID = AuthorityKeyIdentifier(
            keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
        )
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([usage])
            SubjectKeyIdentifier(hash: publicKey)
            authorityKeyID
            if let subjectAlternativeNames {
                subjectAlternativeNames
            }
        }
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: validity.notBefore,
            notValidAfter: validity.notAfter,
            issuer: certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: privateKey
        )
        return IssuedCertificate(
            certificatePEM: try leaf.serializeAsPEM().pemString,
            privateKeyPEM: key.pemRepresentation
        )
    }

    /// An IP SAN for an IPv4/IPv6 literal (brackets allowed), otherwise a DNS SAN.
    private static func generalName(for host: String) -> GeneralName {
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") {
            literal = String(literal.dropFirst().dropLast())
        }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        }
        return .dnsName(host)
    }
}
