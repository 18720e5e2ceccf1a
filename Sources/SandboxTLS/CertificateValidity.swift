public import Foundation

/// The validity window of a certificate issued by ``CertificateAuthority``.
///
/// Dates are passed in rather than read from the wall clock inside the issuing
/// code, so tests can mint certificates that are valid, not yet valid or already
/// expired at a moment of their choosing.
public struct CertificateValidity: Sendable, Equatable {
    /// The first instant at which the certificate is valid.
    public var notBefore: Date
    /// The last instant at which the certificate is valid.
    public var notAfter: Date

    /// A window from `notBefore` to `notAfter`.
    public init(notBefore: Date, notAfter: Date) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Valid for `days` days from `now`, backdated by five minutes so a peer whose
    /// clock runs slightly behind does not reject a freshly minted certificate.
    public static func days(_ days: Int, from now: Date = Date()) -> CertificateValidity {
        CertificateValidity(
            notBefore: now.addingTimeInterval(-300),
            notAfter: now.addingTimeInterval(TimeInterval(days) * 86_400)
        )
    }

    /// A certificate that expired a day before `now` (it was valid for the day before that):
    /// for tests of expiry handling.
    public static func expired(at now: Date = Date()) -> CertificateValidity {
        CertificateValidity(
            notBefore: now.addingTimeInterval(-2 * 86_400),
            notAfter: now.addingTimeInterval(-86_400)
        )
    }
}
