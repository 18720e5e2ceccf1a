import Foundation
import SandboxTLS
import Testing
import X509

@Suite("SandboxTLS certificate authority")
struct CertificateAuthorityTests {
    @Test func caIsSelfSignedAuthority() throws {
        let ca = try CertificateAuthority.generate(commonName: "test-ca")
        let certificate = try Certificate(pemEncoded: ca.certificatePEM)
        #expect(certificate.subject == certificate.issuer)
        #expect(certificate.subject.description.contains("CN=test-ca"))
        let constraints = try #require(try certificate.extensions.basicConstraints)
        #expect(constraints == .isCertificateAuthority(maxPathLength: nil))
        #expect(ca.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func serverCertificateCarriesDNSAndIPNames() throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueServer(hosts: ["localhost", "127.0.0.1", "::1", "api.example.test"])
        let certificate = try Certificate(pemEncoded: issued.certificatePEM)
        let names = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.dnsName("api.example.test")))
        #expect(names.contains(.ipAddress(.init(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(.init(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))))
        let usage = try #require(try certificate.extensions.extendedKeyUsage)
        #expect(usage.contains(.serverAuth))
        #expect(issued.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
    }

    @Test func serverCertificateChainsToTheCA() async throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueServer()
        let root = try Certificate(pemEncoded: ca.certificatePEM)
        let leaf = try Certificate(pemEncoded: issued.certificatePEM)
        var verifier = Verifier(rootCertificates: CertificateStore([root])) {
            RFC5280Policy()
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
        guard case .validCertificate = result else {
            Issue.record("chain did not validate: \(result)")
            return
        }
    }

    @Test func clientCertificateMapsUserToCNAndGroupsToO() throws {
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClient(user: "jane", groups: ["system:masters", "devs"])
        let certificate = try Certificate(pemEncoded: issued.certificatePEM)
        let attributes = certificate.subject.flatMap { $0 }
        let commonNames = attributes.filter { $0.type == .RDNAttributeType.commonName }.compactMap { String($0.value) }
        let organizations = attributes.filter { $0.type == .RDNAttributeType.organizationName }.compactMap { String($0.value) }
        #expect(commonNames == ["jane"])
        #expect(organizations == ["system:masters", "devs"])
        let usage = try #require(try certificate.extensions.extendedKeyUsage)
        #expect(usage.contains(.clientAuth))
    }

    @Test func expiredValidityProducesExpiredCertificate() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let ca = try CertificateAuthority.generate()
        let issued = try ca.issueClient(user: "old", validity: .expired(at: now))
        let certificate = try Certificate(pemEncoded: issued.certificatePEM)
        #expect(certificate.notValidAfter < now)
        #expect(certificate.notValidBefore < certificate.notValidAfter)
    }

    @Test func reloadedCAIssuesCertificatesThatChainToIt() async throws {
        let original = try CertificateAuthority.generate()
        let reloaded = try CertificateAuthority(certificatePEM: original.certificatePEM, privateKeyPEM: original.privateKeyPEM)
        #expect(reloaded.certificatePEM == original.certificatePEM)
        let leaf = try Certificate(pemEncoded: try reloaded.issueServer().certificatePEM)
        var verifier = Verifier(rootCertificates: CertificateStore([try Certificate(pemEncoded: original.certificatePEM)])) {
            RFC5280Policy()
        }
        guard case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore()) else {
            Issue.record("certificate from the reloaded CA does not chain to the original")
            return
        }
    }

    @Test func badInputIsRejectedWithAClearError() throws {
        let ca = try CertificateAuthority.generate()
        let other = try CertificateAuthority.generate()
        #expect(throws: SandboxTLSError.self) { try ca.issueServer(hosts: []) }
        #expect(throws: SandboxTLSError.self) { try ca.issueClient(user: "") }
        let mismatch = #expect(throws: SandboxTLSError.self) {
            try CertificateAuthority(certificatePEM: ca.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
        #expect(mismatch?.message.contains("does not match") == true)
        let garbage = #expect(throws: SandboxTLSError.self) {
            try CertificateAuthority(certificatePEM: "not a pem", privateKeyPEM: ca.privateKeyPEM)
        }
        #expect(garbage?.message.contains("CA certificate PEM") == true)
    }
}
