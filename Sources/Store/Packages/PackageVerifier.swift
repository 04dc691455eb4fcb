import Crypto
import Foundation

/// The server side: decides whether a signed envelope is acceptable now.
public enum PackageVerifier {
    /// Verifies `envelope` against `trust` at `now` and returns the statement it signs.
    ///
    /// In order: the key must be in the trust store, not revoked at or before `now`, and inside its
    /// validity window; the signature must verify over the exact statement bytes; only then are
    /// those bytes decoded (never re-encoded) and the statement's names and expiry checked.
    public static func verify(_ envelope: SignedPackageEnvelope, trust: TrustStore, now: Date) throws -> PackageStatement {
        guard let key = trust.lookup(envelope.keyId) else { throw PackageError.unknownKey(envelope.keyId) }
        if key.isRevoked(at: now), let at = key.revokedAt { throw PackageError.revokedKey(key.id, at: at) }
        guard key.isWithinValidity(at: now) else {
            throw PackageError.keyNotValid(key.id, validFrom: key.validFrom, validUntil: key.validUntil)
        }
        guard envelope.isSigned(by: key) else { throw PackageError.badSignature(keyId: key.id) }
        let statement = try PackageStatement.decode(envelope.statement)
        if let expires = statement.expires, expires <= now { throw PackageError.statementExpired(expires) }
        return statement
    }
}
