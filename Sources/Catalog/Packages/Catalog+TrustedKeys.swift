import Foundation
import SQLKit
import Store

/// Trusted publisher keys, mirroring Store's `TrustStore` rules in the database.
extension Catalog {
    /// Trusts `key`. The same id with the same bytes again changes nothing (a revocation stays)
    /// and returns false; the same id with other bytes is a conflict.
    @discardableResult
    public func addTrustedKey(_ key: TrustedKey, by actor: AuditActor = .system, now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            if let row = try await db.raw("SELECT public_key FROM trusted_keys WHERE id = \(bind: key.id)").first() {
                guard try row.string("public_key") == key.publicKey.base64EncodedString() else {
                    throw CatalogError.conflict("trusted key \(key.id) exists with other key bytes")
                }
                return false
            }
            try await db.raw("""
                INSERT INTO trusted_keys (id, name, public_key, valid_from, valid_until, revoked_at, added_at)
                VALUES (\(bind: key.id), \(bind: key.name), \(bind: key.publicKey.base64EncodedString()),
                        \(bind: CatalogTime.ms(key.validFrom)), \(bind: key.validUntil.map(CatalogTime.ms)),
                        \(bind: key.revokedAt.map(CatalogTime.ms)), \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "key.trust", "key:\(key.id)", ["name": key.name], at: now)
            return true
        }
    }

    /// Revokes key `id` as of `date`. An earlier revocation stands (it never moves later).
    public func revokeTrustedKey(id: String, at date: Date, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            guard let row = try await db.raw("SELECT revoked_at FROM trusted_keys WHERE id = \(bind: id)").first() else {
                throw CatalogError.notFound("trusted key", id)
            }
            let at = CatalogTime.ms(date)
            if let earlier = try row.optionalInt("revoked_at"), earlier <= at { return }
            try await db.raw("UPDATE trusted_keys SET revoked_at = \(bind: at) WHERE id = \(bind: id)").run()
            try await audit(db, actor, "key.revoke", "key:\(id)", ["at": String(at)], at: now)
        }
    }

    /// Every trusted key, ordered by id (each re-checked: its id must match its bytes).
    public func listTrustedKeys() async throws -> [TrustedKey] {
        try await read { db in
            try await db.raw("""
                SELECT id, name, public_key, valid_from, valid_until, revoked_at FROM trusted_keys ORDER BY id
                """).all().map { row in
                guard let bytes = Data(base64Encoded: try row.string("public_key")) else {
                    throw CatalogError.database("malformed public key in trusted_keys")
                }
                return try TrustedKey(id: try row.string("id"), name: try row.string("name"), publicKey: bytes,
                                      validFrom: CatalogTime.date(try row.int("valid_from")),
                                      validUntil: CatalogTime.date(try row.optionalInt("valid_until")),
                                      revokedAt: CatalogTime.date(try row.optionalInt("revoked_at")))
            }
        }
    }

    /// The trust store the package verifier uses, built from the rows.
    public func trustStore() async throws -> TrustStore {
        try TrustStore(keys: try await listTrustedKeys())
    }
}
