import Crypto
import Foundation

/// The server side: decides whether a signed license is acceptable now.
public enum LicenseVerifier {
    /// How far in the future a license's issue time may lie (clock skew between licensor and server).
    public static let allowedClockSkew: TimeInterval = 5 * 60

    /// Verifies `license` against `trust` at `now` and returns the statement it signs.
    ///
    /// In order: the key must be in the trust store; the signature must verify over the exact
    /// statement bytes (64 bytes, Ed25519); only then are those bytes decoded (never re-encoded).
    /// Then the key must not have been revoked at or before the license's `issued` time (a license
    /// signed before a key was revoked stays good until it expires, like a signed document) and
    /// must be inside its validity window now, as for packages; finally the license must not
    /// be expired at `now` nor issued more than `allowedClockSkew` after `now`.
    public static func verify(_ license: SignedLicense, trust: TrustStore, now: Date) throws -> LicenseStatement {
        guard let key = trust.lookup(license.keyId) else { throw LicenseError.untrustedKey(license.keyId) }
        guard license.isSigned(by: key) else { throw LicenseError.forgedSignature(keyId: key.id) }
        let statement = try LicenseStatement.decode(license.statement)
        if key.isRevoked(at: statement.issued), let at = key.revokedAt { throw LicenseError.revokedKey(key.id, at: at) }
        // The key's window is checked now, as for packages: a vendor signs first and the admin
        // trusts the key afterwards, so the window usually starts after `issued`.
        guard key.isWithinValidity(at: now) else { throw LicenseError.keyNotValid(key.id, issued: now) }
        guard statement.issued <= now.addingTimeInterval(allowedClockSkew) else {
            throw LicenseError.issuedInFuture(statement.issued)
        }
        guard statement.expires > now else { throw LicenseError.expired(statement.expires) }
        return statement
    }

    /// Decodes license file bytes and verifies them.
    public static func verify(fileBytes: some DataProtocol, trust: TrustStore, now: Date) throws -> LicenseStatement {
        try verify(try SignedLicense.decode(fileBytes), trust: trust, now: now)
    }
}
