import Foundation
import SQLKit

/// Installed licenses. The caller verifies the signed license (Store's `LicenseVerifier`) and
/// passes its numbers; the catalog keeps them with the envelope JSON. The newest installed
/// license is the active one.
extension Catalog {
    /// Installs a verified license. Installing the same license again (same id, same envelope)
    /// makes it the active one again; the same id with another envelope is a conflict.
    @discardableResult
    public func installLicense(id: String, licensee: String, keyId: String, envelopeJSON: String, limits: SeatLimits,
                               apps: [String]?, issuedAt: Date, expiresAt: Date, by actor: AuditActor,
                               now: Date = Date()) async throws -> LicenseRecord {
        guard !id.isEmpty, id.count <= 128 else { throw CatalogError.invalidArgument("license id must be 1-128 characters") }
        guard expiresAt > issuedAt else { throw CatalogError.invalidArgument("license expires before it is issued") }
        for value in [limits.dataSessions, limits.optimizationSessions, limits.namedUsers] {
            if let value, value < 0 { throw CatalogError.invalidArgument("seat counts must not be negative") }
        }
        let appsJSON = try apps.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let ms = CatalogTime.ms(now)
        return try await transaction { db in
            if let existing = try await db.raw("SELECT statement FROM licenses WHERE id = \(bind: id)").first() {
                guard try existing.string("statement") == envelopeJSON else {
                    throw CatalogError.conflict("license '\(id)' is already installed with other contents")
                }
                try await db.raw("""
                    UPDATE licenses SET installed_at = \(bind: ms), installed_by = \(bind: actor.description) WHERE id = \(bind: id)
                    """).run()
            } else {
                try await db.raw("""
                    INSERT INTO licenses (id, licensee, key_id, statement, data_seats, solve_seats, named_users, apps,
                                          issued_at, expires_at, installed_at, installed_by)
                    VALUES (\(bind: id), \(bind: licensee), \(bind: keyId), \(bind: envelopeJSON),
                            \(bind: limits.dataSessions.map { Int64($0) }), \(bind: limits.optimizationSessions.map { Int64($0) }),
                            \(bind: limits.namedUsers.map { Int64($0) }), \(bind: appsJSON),
                            \(bind: CatalogTime.ms(issuedAt)), \(bind: CatalogTime.ms(expiresAt)), \(bind: ms), \(bind: actor.description))
                    """).run()
            }
            try await audit(db, actor, "license.install", "license:\(id)", [
                "licensee": licensee, "key": keyId, "expires": String(CatalogTime.ms(expiresAt)),
                "data": limits.dataSessions.map(String.init) ?? "unlimited",
                "solve": limits.optimizationSessions.map(String.init) ?? "unlimited",
                "named": limits.namedUsers.map(String.init) ?? "unlimited",
            ], at: now)
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.licenseColumns) FROM licenses WHERE id = \(bind: id)").first() else {
                throw CatalogError.database("installed license vanished")
            }
            return try Self.license(row)
        }
    }

    /// The active license: the newest installed one (expired or not: the caller decides), or nil.
    public func activeLicense() async throws -> LicenseRecord? {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.licenseColumns) FROM licenses ORDER BY installed_at DESC, issued_at DESC, id DESC LIMIT 1
                """).first().map(Self.license)
        }
    }

    /// Every installed license, newest installed first.
    public func listLicenses() async throws -> [LicenseRecord] {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.licenseColumns) FROM licenses ORDER BY installed_at DESC, issued_at DESC, id DESC
                """).all().map(Self.license)
        }
    }

    // MARK: rows

    static let licenseColumns = """
        id, licensee, key_id, statement, data_seats, solve_seats, named_users, apps, issued_at, expires_at, installed_at, installed_by
        """

    static func license(_ row: any SQLRow) throws -> LicenseRecord {
        var apps: [String]?
        if let json = try row.optionalString("apps") {
            guard let decoded = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
                throw CatalogError.database("malformed apps in licenses")
            }
            apps = decoded
        }
        return LicenseRecord(
            id: try row.string("id"), licensee: try row.string("licensee"), keyId: try row.string("key_id"),
            envelopeJSON: try row.string("statement"),
            limits: SeatLimits(dataSessions: try row.optionalInt("data_seats").map { Int($0) },
                               optimizationSessions: try row.optionalInt("solve_seats").map { Int($0) },
                               namedUsers: try row.optionalInt("named_users").map { Int($0) }),
            apps: apps, issuedAt: CatalogTime.date(try row.int("issued_at")), expiresAt: CatalogTime.date(try row.int("expires_at")),
            installedAt: CatalogTime.date(try row.int("installed_at")), installedBy: try row.string("installed_by"))
    }
}
