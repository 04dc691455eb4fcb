import Crypto
import Foundation

/// A publisher public key the server trusts, with the window in which it may sign and, once
/// revoked, when. The id is always the one derived from the key bytes (checked on creation and
/// when read from a file), so an edited trust store cannot pair an id with another key.
public struct TrustedKey: Hashable, Sendable, Codable {
    public let id: String
    public let name: String
    /// The raw 32-byte Ed25519 public key.
    public let publicKey: Data
    public var validFrom: Date
    public var validUntil: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, publicKey: Data, validFrom: Date, validUntil: Date? = nil, revokedAt: Date? = nil) throws {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            throw KeyError.malformedKeyFile("trusted key \(id): not a 32-byte Ed25519 public key")
        }
        let derived = PublisherPublicKey.id(for: key)
        guard derived == id else { throw KeyError.idMismatch(stated: id, derived: derived) }
        self.id = id
        self.name = name
        self.publicKey = publicKey
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
    }

    /// Trusts `publisher` from `validFrom` until `validUntil` (open-ended if nil).
    public init(publisher: PublisherPublicKey, validFrom: Date, validUntil: Date? = nil) {
        self.id = publisher.id
        self.name = publisher.name
        self.publicKey = publisher.rawRepresentation
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = nil
    }

    /// The key, for verifying signatures.
    public var signingKey: Curve25519.Signing.PublicKey {
        // The bytes were checked in every initializer.
        try! Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
    }

    /// Revoked at or before `now` (a revocation dated in the future takes effect then).
    public func isRevoked(at now: Date) -> Bool {
        guard let revokedAt else { return false }
        return revokedAt <= now
    }

    /// Inside its validity window: `validFrom <= now < validUntil`.
    public func isWithinValidity(at now: Date) -> Bool {
        guard validFrom <= now else { return false }
        if let validUntil, now >= validUntil { return false }
        return true
    }

    private enum CodingKeys: String, CodingKey { case id, name, publicKey, validFrom, validUntil, revokedAt }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(id: c.decode(String.self, forKey: .id),
                      name: c.decode(String.self, forKey: .name),
                      publicKey: c.decode(Data.self, forKey: .publicKey),
                      validFrom: c.decode(Date.self, forKey: .validFrom),
                      validUntil: c.decodeIfPresent(Date.self, forKey: .validUntil),
                      revokedAt: c.decodeIfPresent(Date.self, forKey: .revokedAt))
    }
}
