import Foundation
import Logging
import PostgresKit
import SQLKit
import SQLiteKit
import Store

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
    /// Where bcrypt (its credentials lane) and SQLite statements (its catalog lane) run.
    let executor: BlockingExecutor
    /// True when `open` made the executor (none was given): `close()` shuts it down.
    private let ownsExecutor: Bool

    private init(configuration: CatalogConfiguration, pool: CatalogPool, executor: BlockingExecutor, ownsExecutor: Bool,
                 logger: Logger) {
        self.configuration = configuration
        self.pool = pool
        self.executor = executor
        self.ownsExecutor = ownsExecutor
        self.logger = logger
    }

    /// Opens the catalog and, unless `migrate` is false, brings its schema up to date.
    /// bcrypt and SQLite statements run on `executor`'s credentials and catalog lanes; without
    /// one (a command, a test) the catalog makes its own and shuts it down in `close()`.
    public static func open(_ configuration: CatalogConfiguration, migrate: Bool = true, executor: BlockingExecutor? = nil,
                            logger: Logger = Logger(label: "atrium.catalog")) async throws -> Catalog {
        guard (4...31).contains(configuration.bcryptCost) else {
            throw CatalogError.invalidArgument("bcrypt cost must be between 4 and 31")
        }
        let lanes = executor ?? BlockingExecutor()
        let pool: CatalogPool
        do {
            pool = try CatalogPool(configuration, executor: lanes, logger: logger)
        } catch {
            if executor == nil { await lanes.shutdown() }
            throw error
        }
        let catalog = Catalog(configuration: configuration, pool: pool, executor: lanes, ownsExecutor: executor == nil,
                              logger: logger)
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

    /// Closes every pooled connection (and shuts down the executor `open` made). The catalog is
    /// unusable afterwards.
    public func close() async {
        await pool.shutdown()
        if ownsExecutor { await executor.shutdown() }
    }

    /// True for SQLite, false for PostgreSQL.
    public var isSQLite: Bool { pool.kind == .sqlite }

    // MARK: running SQL

    /// Runs `body` inside one transaction on one connection: committed when it returns, rolled
    /// back when it throws. Driver errors come out as `CatalogError`.
    /// `statementTimeout` replaces the configured one (PostgreSQL), e.g. for migrations.
    func transaction<T>(statementTimeout: Double? = nil, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await mapErrors { try await pool.transaction(statementTimeout: statementTimeout, body) }
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
