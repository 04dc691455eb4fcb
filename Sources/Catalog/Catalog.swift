import Foundation
import Logging
import PostgresKit
import SQLKit
import SQLiteKit

/// The admin database (DESIGN §3): users, groups, rights, tokens, trusted keys, packages, apps,
/// cases and the audit log, on SQLite (embedded default) or PostgreSQL, through one SQL code path
/// (SQLKit). Dialect differences are kept to: how a write transaction starts (SQLite takes the
/// write lock up front with `BEGIN IMMEDIATE`) and how driver errors are classified.
///
/// Conventions of the schema: ids are generated in Swift (`CatalogID`), times are BIGINT Unix
/// milliseconds, booleans are BIGINT 0/1, everything else is TEXT. Every change writes an `audit`
/// row in the same transaction.
///
/// Open with `Catalog.open(_:)` (which migrates), and always `close()` when done.
public final class Catalog: Sendable {
    public let configuration: CatalogConfiguration
    let pool: CatalogPool
    let logger: Logger

    private init(configuration: CatalogConfiguration, pool: CatalogPool, logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.logger = logger
    }

    /// Opens the catalog and, unless `migrate` is false, brings its schema up to date.
    public static func open(_ configuration: CatalogConfiguration, migrate: Bool = true,
                            logger: Logger = Logger(label: "atrium.catalog")) async throws -> Catalog {
        guard (4...31).contains(configuration.bcryptCost) else {
            throw CatalogError.invalidArgument("bcrypt cost must be between 4 and 31")
        }
        let catalog = Catalog(configuration: configuration, pool: try CatalogPool(configuration, logger: logger), logger: logger)
        if migrate {
            do {
                try await catalog.migrate()
            } catch {
                await catalog.close()
                throw error
            }
        }
        return catalog
    }

    /// Closes every pooled connection. The catalog is unusable afterwards.
    public func close() async {
        await pool.shutdown()
    }

    /// True for SQLite, false for PostgreSQL.
    public var isSQLite: Bool { pool.kind == .sqlite }

    // MARK: running SQL

    /// Runs `body` inside one transaction on one connection: committed when it returns, rolled
    /// back when it throws. Driver errors come out as `CatalogError`.
    /// `statementTimeout` replaces the configured one (PostgreSQL), e.g. for migrations.
    func transaction<T>(statementTimeout: Double? = nil, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = pool.kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await mapErrors {
            try await pool.withConnection(statementTimeout: statementTimeout) { db in
                do {
                    try await db.raw("\(unsafeRaw: begin)").run()
                } catch where pool.kind == .sqlite && "\(error)".contains("within a transaction") {
                    // The one writer connection was handed back inside a transaction (a COMMIT
                    // and its ROLLBACK both failed, as seen at shutdown): every later write would
                    // fail. The pool gives a connection to one caller at a time, so what is open
                    // on it is an abandoned transaction: roll it back and begin again.
                    logger.warning("the catalog's writer connection was left inside a transaction; rolling it back")
                    try await db.raw("ROLLBACK").run()
                    try await db.raw("\(unsafeRaw: begin)").run()
                }
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    /// Runs read-only `body` on one connection (no explicit transaction).
    func read<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await mapErrors { try await pool.withConnection(reading: true, body) }
    }

    private func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.classify(error)
        }
    }

    /// Turns driver errors into `CatalogError`: constraint violations are conflicts, the rest are
    /// database errors described by their code and message only (never the bound values).
    static func classify(_ error: any Error) -> CatalogError {
        if let error = error as? CatalogError { return error }
        if let error = error as? SQLiteError {
            if error.message.contains("UNIQUE") || error.message.contains("PRIMARY KEY") {
                return .conflict("already exists")
            }
            if error.message.contains("FOREIGN KEY") { return .conflict("refers to a missing row or is still referenced") }
            if error.reason == .busy || error.reason == .locked { return .conflict("database is busy; try again") }
            return .database(error.message)
        }
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState] ?? ""
            switch state {
            case "23505": return .conflict("already exists")
            case "23503": return .conflict("refers to a missing row or is still referenced")
            case "40001", "40P01": return .conflict("concurrent change; try again")
            default:
                let message = error.serverInfo?[.message] ?? "\(error.code)"
                return .database(state.isEmpty ? message : "\(state): \(message)")
            }
        }
        return .database(String(describing: error))
    }

    // MARK: audit

    /// Writes one audit row inside the caller's transaction.
    func audit(_ db: any SQLDatabase, _ actor: AuditActor, _ action: String, _ target: String,
               _ detail: [String: String] = [:], at now: Date = Date()) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(detail), as: UTF8.self)
        try await db.raw("""
            INSERT INTO audit (id, at, actor, action, target, detail)
            VALUES (\(bind: CatalogID.make(now: now)), \(bind: CatalogTime.ms(now)), \(bind: actor.description),
                    \(bind: action), \(bind: target), \(bind: json))
            """).run()
    }
}
