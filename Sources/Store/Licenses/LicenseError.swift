import Foundation

/// Every way a license is refused, typed so callers can react and users read one clear line.
public enum LicenseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The license file or envelope is not JSON of the expected shape; `reason` says how.
    case malformed(String)
    /// The license file is larger than `SignedLicense.sizeLimit` bytes.
    case tooLarge(limit: Int)
    /// A statement field breaks a rule (empty licensee, negative seats, expiry before issue, …).
    case invalidStatement(String)
    /// The license is signed by a key the trust store does not hold.
    case untrustedKey(String)
    /// The signing key was revoked at or before the license's issue time.
    case revokedKey(String, at: Date)
    /// The license was issued outside the signing key's validity window.
    case keyNotValid(String, issued: Date)
    /// The signature does not verify over the statement bytes: altered or signed by another key.
    case forgedSignature(keyId: String)
    /// The license expired at the given time.
    case expired(Date)
    /// The license says it was issued later than now (beyond the allowed clock skew).
    case issuedInFuture(Date)

    public var description: String {
        switch self {
        case .malformed(let reason): return "malformed license: \(reason)"
        case .tooLarge(let limit): return "license file is larger than \(limit) bytes"
        case .invalidStatement(let reason): return "invalid license: \(reason)"
        case .untrustedKey(let id): return "license signed by key \(id), which is not in the trust store"
        case .revokedKey(let id, let at): return "license signed by key \(id), revoked at \(at.formatted(.iso8601))"
        case .keyNotValid(let id, let issued):
            return "key \(id) is outside its validity window at \(issued.formatted(.iso8601))"
        case .forgedSignature(let id):
            return "bad license signature (key \(id)): the license was altered or signed by another key"
        case .expired(let at): return "license expired at \(at.formatted(.iso8601))"
        case .issuedInFuture(let at): return "license is issued in the future (\(at.formatted(.iso8601))): check the clock"
        }
    }
}
