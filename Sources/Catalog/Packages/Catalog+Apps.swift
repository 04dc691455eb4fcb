import Foundation
import SQLKit
import Store

/// Apps and their versions: upload, `latest`, hide, roll back.
extension Catalog {
    /// Creates an app with no versions yet.
    @discardableResult
    public func createApp(name: String, title: String, description: String = "", by actor: AuditActor = .system,
                          now: Date = Date()) async throws -> App {
        try CatalogName.requireObject(name, "app name")
        try CatalogName.requireLabel(title, "app title")
        try CatalogName.requireDescription(description)
        let id = CatalogID.make(now: now)
        return try await transaction { db in
            if try await db.raw("SELECT id FROM apps WHERE name = \(bind: name)").first() != nil {
                throw CatalogError.conflict("app '\(name)' already exists")
            }
            try await db.raw("""
                INSERT INTO apps (id, name, title, description, latest_version, created_by, created_at)
                VALUES (\(bind: id), \(bind: name), \(bind: title), \(bind: description), NULL, \(bind: actor.description),
                        \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "app.create", "app:\(name)", ["title": title], at: now)
            return App(id: id, name: name, title: title, description: description, latestVersion: nil,
                       createdAt: CatalogTime.date(CatalogTime.ms(now)))
        }
    }

    /// The app with this name, or nil.
    public func app(named name: String) async throws -> App? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.appColumns) FROM apps WHERE name = \(bind: name)").first().map(Self.app)
        }
    }

    /// The apps `userId` may read (all of them for an admin), ordered by name.
    public func listApps(visibleTo userId: String) async throws -> [App] {
        try await read { db in
            guard let row = try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: userId)").first()
            else { return [] }
            let user = try Self.user(row)
            if user.disabled { return [] }
            let apps = try await db.raw("SELECT \(unsafeRaw: Self.appColumns) FROM apps ORDER BY name").all().map(Self.app)
            if user.role == .admin { return apps }
            let rights = try await rightsByApp(db, userId: userId)
            return apps.filter { rights[$0.id]?.contains(.read) == true }
        }
    }

    /// Adds a version of `app` that runs on the registered package `runtimeName@runtimeVersion`.
    /// It becomes `latest` unless `makeLatest` is false.
    @discardableResult
    public func addVersion(app: String, version: String, sealedDigest: BlobDigest, runtimeName: String, runtimeVersion: String,
                           makeLatest: Bool = true, by actor: AuditActor = .system, now: Date = Date()) async throws -> AppVersion {
        try CatalogName.requireObject(version, "app version")
        return try await transaction { db in
            let record = try await requireApp(db, app)
            if try await db.raw("SELECT version FROM app_versions WHERE app_id = \(bind: record.id) AND version = \(bind: version)").first() != nil {
                throw CatalogError.conflict("app '\(app)' already has version '\(version)'")
            }
            let package = try await db.raw("""
                SELECT name FROM packages WHERE name = \(bind: runtimeName) AND version = \(bind: runtimeVersion)
                """).first()
            guard package != nil else { throw CatalogError.notFound("package", "\(runtimeName)@\(runtimeVersion)") }
            try await db.raw("""
                INSERT INTO app_versions (app_id, version, sealed_digest, runtime_name, runtime_version, hidden, uploaded_by, uploaded_at)
                VALUES (\(bind: record.id), \(bind: version), \(bind: sealedDigest.hex), \(bind: runtimeName), \(bind: runtimeVersion),
                        \(bind: 0), \(bind: actor.description), \(bind: CatalogTime.ms(now)))
                """).run()
            if makeLatest {
                try await db.raw("UPDATE apps SET latest_version = \(bind: version) WHERE id = \(bind: record.id)").run()
            }
            try await audit(db, actor, "app.version.add", "app:\(app)",
                            ["version": version, "sealed": sealedDigest.hex, "runtime": "\(runtimeName)@\(runtimeVersion)",
                             "latest": makeLatest ? "true" : "false"], at: now)
            return AppVersion(app: app, version: version, sealedDigest: sealedDigest, runtimeName: runtimeName,
                              runtimeVersion: runtimeVersion, hidden: false, isLatest: makeLatest || record.latestVersion == version,
                              uploadedBy: actor.description, uploadedAt: CatalogTime.date(CatalogTime.ms(now)))
        }
    }

    /// Makes `version` the app's `latest` (also how to roll back: set an older one). A hidden
    /// version cannot become latest.
    public func setLatest(app: String, version: String, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            let record = try await requireApp(db, app)
            let target = try await requireVersion(db, record, version)
            guard !target.hidden else { throw CatalogError.conflict("version '\(version)' of app '\(app)' is hidden; unhide it first") }
            try await db.raw("UPDATE apps SET latest_version = \(bind: version) WHERE id = \(bind: record.id)").run()
            try await audit(db, actor, "app.latest", "app:\(app)", ["version": version, "previous": record.latestVersion ?? ""], at: now)
        }
    }

    /// Hides (`true`) or unhides a version. The current `latest` cannot be hidden: set another
    /// version latest first.
    public func setHidden(app: String, version: String, _ hidden: Bool, by actor: AuditActor = .system, now: Date = Date()) async throws {
        try await transaction { db in
            let record = try await requireApp(db, app)
            _ = try await requireVersion(db, record, version)
            if hidden && record.latestVersion == version {
                throw CatalogError.conflict("version '\(version)' is the latest of app '\(app)'; set another version latest before hiding it")
            }
            try await db.raw("""
                UPDATE app_versions SET hidden = \(bind: hidden ? 1 : 0) WHERE app_id = \(bind: record.id) AND version = \(bind: version)
                """).run()
            try await audit(db, actor, hidden ? "app.version.hide" : "app.version.unhide", "app:\(app)", ["version": version], at: now)
        }
    }

    /// The versions of `app`, newest upload first; hidden ones only with `includeHidden`.
    public func listVersions(app: String, includeHidden: Bool = false) async throws -> [AppVersion] {
        try await read { db in
            let record = try await requireApp(db, app)
            let filter: SQLQueryString = includeHidden ? "" : "AND hidden = 0"
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.versionColumns) FROM app_versions WHERE app_id = \(bind: record.id) \(filter)
                ORDER BY uploaded_at DESC, version DESC
                """).all().map { try Self.appVersion($0, record) }
        }
    }

    /// One version of `app`, hidden or not, or nil.
    public func version(app: String, version: String) async throws -> AppVersion? {
        try await read { db in
            let record = try await requireApp(db, app)
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.versionColumns) FROM app_versions WHERE app_id = \(bind: record.id) AND version = \(bind: version)
                """).first().map { try Self.appVersion($0, record) }
        }
    }

    // MARK: helpers

    static let appColumns = "id, name, title, description, latest_version, created_at"
    static let versionColumns = "version, sealed_digest, runtime_name, runtime_version, hidden, uploaded_by, uploaded_at"

    static func app(_ row: any SQLRow) throws -> App {
        App(id: try row.string("id"), name: try row.string("name"), title: try row.string("title"),
            description: try row.string("description"), latestVersion: try row.optionalString("latest_version"),
            createdAt: CatalogTime.date(try row.int("created_at")))
    }

    static func appVersion(_ row: any SQLRow, _ app: App) throws -> AppVersion {
        let version = try row.string("version")
        return AppVersion(app: app.name, version: version, sealedDigest: try digest(row, "sealed_digest"),
                          runtimeName: try row.string("runtime_name"), runtimeVersion: try row.string("runtime_version"),
                          hidden: try row.flag("hidden"), isLatest: app.latestVersion == version,
                          uploadedBy: try row.string("uploaded_by"), uploadedAt: CatalogTime.date(try row.int("uploaded_at")))
    }

    static func digest(_ row: any SQLRow, _ column: String) throws -> BlobDigest {
        guard let digest = BlobDigest(hex: try row.string(column)) else { throw CatalogError.database("malformed digest in \(column)") }
        return digest
    }

    func requireApp(_ db: any SQLDatabase, _ name: String) async throws -> App {
        guard let row = try await db.raw("SELECT \(unsafeRaw: Self.appColumns) FROM apps WHERE name = \(bind: name)").first() else {
            throw CatalogError.notFound("app", name)
        }
        return try Self.app(row)
    }

    func requireVersion(_ db: any SQLDatabase, _ app: App, _ version: String) async throws -> AppVersion {
        guard let row = try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns) FROM app_versions WHERE app_id = \(bind: app.id) AND version = \(bind: version)
            """).first() else {
            throw CatalogError.notFound("version", "\(app.name)@\(version)")
        }
        return try Self.appVersion(row, app)
    }
}
