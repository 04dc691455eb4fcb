import Foundation
import SQLKit
import Store

/// The package registry in the database, with Store's `PackageRegistry` semantics made async:
/// name@version is write-once; registering the same envelope again is success, another
/// envelope is a conflict (this is what refuses rollback and mix-and-match).
extension Catalog {
    /// Registers a verified package. Returns true when it was new, false when exactly this
    /// envelope was already registered; throws `.conflict` for another envelope.
    @discardableResult
    public func registerPackage(name: String, version: String, platform: String, envelopeDigest: BlobDigest,
                                archiveDigest: BlobDigest, size: Int64, by actor: AuditActor = .system,
                                now: Date = Date()) async throws -> Bool {
        try CatalogName.requireObject(name, "package name")
        try CatalogName.requireObject(version, "package version")
        try CatalogName.requireObject(platform, "package platform")
        guard size >= 0 else { throw CatalogError.invalidArgument("package size must not be negative") }
        return try await transaction { db in
            if let existing = try await db.raw("""
                SELECT envelope_digest FROM packages WHERE name = \(bind: name) AND version = \(bind: version)
                """).first() {
                guard try existing.string("envelope_digest") == envelopeDigest.hex else {
                    throw CatalogError.conflict("package \(name)@\(version) is already registered with another envelope")
                }
                return false
            }
            try await db.raw("""
                INSERT INTO packages (name, version, platform, envelope_digest, archive_digest, size, uploaded_by, uploaded_at)
                VALUES (\(bind: name), \(bind: version), \(bind: platform), \(bind: envelopeDigest.hex), \(bind: archiveDigest.hex),
                        \(bind: size), \(bind: actor.description), \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "package.register", "package:\(name)@\(version)",
                            ["envelope": envelopeDigest.hex, "archive": archiveDigest.hex, "platform": platform], at: now)
            return true
        }
    }

    /// The envelope digest registered for name@version, or nil (Store's `PackageRegistry.lookup`).
    public func lookupPackage(name: String, version: String) async throws -> BlobDigest? {
        try await package(name: name, version: version)?.envelopeDigest
    }

    /// The registered package name@version, or nil.
    public func package(name: String, version: String) async throws -> PackageRecord? {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.packageColumns) FROM packages WHERE name = \(bind: name) AND version = \(bind: version)
                """).first().map(Self.package)
        }
    }

    /// Registered packages ordered by name and version.
    public func listPackages(_ page: PageRequest = PageRequest()) async throws -> [PackageRecord] {
        let page = try page.validated()
        return try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.packageColumns) FROM packages ORDER BY name, version
                LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)
                """).all().map(Self.package)
        }
    }

    /// Unregisters a package. Refused with `.conflict` naming the app version while any app
    /// version runs on it. (Its blobs become garbage for the store's gc.)
    public func deletePackage(name: String, version: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            guard try await db.raw("SELECT name FROM packages WHERE name = \(bind: name) AND version = \(bind: version)").first() != nil
            else { throw CatalogError.notFound("package", "\(name)@\(version)") }
            if let user = try await db.raw("""
                SELECT a.name AS app, v.version AS version FROM app_versions v JOIN apps a ON a.id = v.app_id
                WHERE v.runtime_name = \(bind: name) AND v.runtime_version = \(bind: version) ORDER BY a.name, v.version
                """).first() {
                throw CatalogError.conflict("package \(name)@\(version) is used by app \(try user.string("app")) version \(try user.string("version"))")
            }
            try await db.raw("DELETE FROM packages WHERE name = \(bind: name) AND version = \(bind: version)").run()
            try await audit(db, actor, "package.delete", "package:\(name)@\(version)", [:], at: now)
        }
    }

    static let packageColumns = "name, version, platform, envelope_digest, archive_digest, size, uploaded_by, uploaded_at"

    static func package(_ row: any SQLRow) throws -> PackageRecord {
        PackageRecord(name: try row.string("name"), version: try row.string("version"), platform: try row.string("platform"),
                      envelopeDigest: try digest(row, "envelope_digest"), archiveDigest: try digest(row, "archive_digest"),
                      size: try row.int("size"), uploadedBy: try row.string("uploaded_by"),
                      uploadedAt: CatalogTime.date(try row.int("uploaded_at")))
    }
}
