import Foundation
import SQLKit

extension Catalog {
    /// Applies every migration newer than the database's schema version, in order, each in its
    /// own transaction with its `schema_migrations` row. Re-running is a no-op. Returns the
    /// schema version afterwards. `upTo` stops after that migration number (tests of upgrades
    /// use it to build an older schema).
    ///
    /// Several nodes may open the same database at once: on PostgreSQL every migration
    /// transaction first takes a transaction-scoped advisory lock, so they run one after the
    /// other and the later ones find the work done; on SQLite `BEGIN IMMEDIATE` already does that.
    ///
    /// Migration statements may run long on a big database, and a node waits for another's
    /// migration: their statements get an hour, not the usual deadline.
    @discardableResult
    public func migrate(upTo last: Int = .max) async throws -> Int {
        try await transaction(statementTimeout: Self.migrationStatementTimeout) { db in
            try await lockForMigration(db)
            try await db.raw("\(unsafeRaw: CatalogMigration.bookkeeping)").run()
        }
        for migration in CatalogMigration.all.sorted(by: { $0.number < $1.number }) where migration.number <= last {
            try await transaction(statementTimeout: Self.migrationStatementTimeout) { db in
                try await lockForMigration(db)
                let applied = try await db.raw("SELECT number FROM schema_migrations WHERE number = \(bind: migration.number)").first()
                guard applied == nil else { return }
                for statement in migration.statements {
                    try await db.raw("\(unsafeRaw: statement)").run()
                }
                try await db.raw("""
                    INSERT INTO schema_migrations (number, name, applied_at)
                    VALUES (\(bind: migration.number), \(bind: migration.name), \(bind: CatalogTime.ms(Date())))
                    """).run()
                logger.info("catalog migration applied", metadata: ["number": "\(migration.number)", "name": "\(migration.name)"])
            }
        }
        return try await schemaVersion()
    }

    static let migrationStatementTimeout: Double = 3600

    /// PostgreSQL only: serializes concurrent migrators (released at commit or rollback).
    private func lockForMigration(_ db: any SQLDatabase) async throws {
        guard pool.kind == .postgres else { return }
        // An arbitrary constant naming "atrium catalog migrations".
        try await db.raw("SELECT pg_advisory_xact_lock(72616001)").run()
    }

    /// The highest applied migration number (0 for an empty database).
    public func schemaVersion() async throws -> Int {
        try await read { db in
            let row = try await db.raw("SELECT MAX(number) AS version FROM schema_migrations").first()
            return Int(try row?.optionalInt("version") ?? 0)
        }
    }

    /// The applied migrations, oldest first: number and name.
    public func appliedMigrations() async throws -> [(number: Int, name: String)] {
        try await read { db in
            try await db.raw("SELECT number, name FROM schema_migrations ORDER BY number").all().map {
                (Int(try $0.int("number")), try $0.string("name"))
            }
        }
    }
}
