import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import Store
import Synchronization

/// The connection pool behind a `Catalog`, handing out SQLKit `SQLDatabase`s so the
/// repositories have one SQL code path.
///
/// PostgreSQL: an async-kit pool over the shared event loop group. SQLite: exactly ONE
/// connection for writing, so transactions within the process queue for it instead of
/// contending for the file lock. (SQLite statements run on the executor's catalog lane, an
/// `NIOThreadPool` of a few threads; a connection waiting in SQLite's busy handler would block
/// one of them while the lock holder's next statement waits for a thread — a deadlock until the
/// busy timeout. Measured here: with two writing connections per catalog and parallel tests,
/// requests timed out.) Reads that
/// are not part of a transaction use a second pool of read-only connections (`query_only`): in
/// WAL mode readers take no write lock and never wait in the busy handler, so they run beside
/// the writer and each other. Open one `Catalog` per SQLite file per process; a cluster uses
/// PostgreSQL.
///
/// A connection whose ROLLBACK failed may still be inside a transaction: it is closed, never
/// handed out again (the pool opens a fresh one), so one failure cannot make every later
/// transaction fail with "cannot start a transaction within a transaction".
///
/// `@unchecked Sendable`: async-kit's pool predates strict concurrency but guards its state with
/// locks and per-event-loop storage; this wrapper only forwards to it.
final class CatalogPool: @unchecked Sendable {
    enum Kind: Sendable { case sqlite, postgres }

    private enum Storage {
        case sqlite(writer: EventLoopConnectionPool<CatalogSQLiteSource>, readers: EventLoopConnectionPool<CatalogSQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private let storage: Storage
    /// Seconds a PostgreSQL statement may go unanswered (`CatalogConfiguration.statementTimeout`).
    private let statementTimeout: Double
    private let logger: Logger
    /// Connections lent out (or being requested) right now: ``shutdown()`` waits for them to come
    /// back, since async-kit drops a connection released after its pool closed without closing
    /// it (SQLiteNIO then traps in its deinit).
    private let lent = Mutex(0)
    let kind: Kind

    init(_ configuration: CatalogConfiguration, executor: BlockingExecutor, logger: Logger) throws {
        // The drivers log statements with their bound values (password hashes, CSRF tokens) at
        // debug and trace: they get a logger that never goes below info.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .info)
        self.logger = logger
        let group = MultiThreadedEventLoopGroup.singleton
        let perLoop = max(1, configuration.connectionsPerEventLoop)
        statementTimeout = configuration.statementTimeout
        let requestTimeout = TimeAmount.milliseconds(Int64(max(1, configuration.connectionRequestTimeout) * 1000))
        switch configuration.database {
        case .sqlite(let path):
            guard !path.isEmpty else { throw CatalogError.invalidArgument("empty SQLite path") }
            let source = CatalogSQLiteSource(path: path, busyTimeoutMilliseconds: configuration.sqliteBusyTimeoutMilliseconds,
                                             executor: executor)
            let readOnly = CatalogSQLiteSource(path: path, busyTimeoutMilliseconds: configuration.sqliteBusyTimeoutMilliseconds,
                                               executor: executor, readOnly: true)
            storage = .sqlite(
                writer: EventLoopConnectionPool(source: source, maxConnections: 1, requestTimeout: requestTimeout,
                                                logger: logger, on: group.next()),
                readers: EventLoopConnectionPool(source: readOnly, maxConnections: 2, requestTimeout: requestTimeout,
                                                 logger: logger, on: group.next()))
            kind = .sqlite
        case .postgres(let url):
            var sqlConfiguration: SQLPostgresConfiguration
            do {
                sqlConfiguration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw CatalogError.invalidArgument("not a PostgreSQL URL (postgres://user[:password]@host[:port]/database)")
            }
            sqlConfiguration.coreConfiguration.options.additionalStartupParameters += [
                ("application_name", configuration.applicationName),
            ]
            if let idle = configuration.idleInTransactionTimeout {
                // Safe only because every statement goes through `GuardedPostgresDatabase`: the
                // driver alone waits for ever on a session the server ended.
                sqlConfiguration.coreConfiguration.options.additionalStartupParameters += [
                    ("idle_in_transaction_session_timeout", String(max(1, Int((idle * 1000).rounded())))),
                ]
            }
            storage = .postgres(EventLoopGroupConnectionPool(source: PostgresConnectionSource(sqlConfiguration: sqlConfiguration),
                                                             maxConnectionsPerEventLoop: perLoop, requestTimeout: requestTimeout,
                                                             logger: logger, on: group))
            kind = .postgres
        }
    }

    /// Runs `body` on one pooled connection, released afterwards whatever happens.
    /// SQLite: `reading` picks a read-only connection (never for transactions).
    /// PostgreSQL: `statementTimeout` (seconds) replaces the configured deadline of each statement.
    func withConnection<T>(reading: Bool = false, statementTimeout: Double? = nil,
                           _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withLease(reading: reading, statementTimeout: statementTimeout) { db, _ in try await body(db) }
    }

    /// Runs `body` inside one transaction on one connection: committed when it returns, rolled
    /// back when it throws. A connection whose ROLLBACK fails is closed instead of going back to
    /// the pool.
    func transaction<T>(statementTimeout: Double? = nil, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await withLease(reading: false, statementTimeout: statementTimeout) { db, lease in
            do {
                try await db.raw("\(unsafeRaw: begin)").run()
            } catch where kind == .sqlite && "\(error)".contains("within a transaction") {
                // Handed out inside a transaction all the same (a failed ROLLBACK closes the
                // connection, so this should not happen): what is open on it is abandoned.
                logger.warning("a catalog connection was left inside a transaction; rolling it back")
                try await Self.rollback(db, lease)
                try await db.raw("\(unsafeRaw: begin)").run()
            }
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await Self.rollback(db, lease)
                throw error
            }
        }
    }

    /// ROLLBACK; when it fails, `lease`'s connection is discarded (closed, not pooled again).
    private static func rollback(_ db: any SQLDatabase, _ lease: Lease) async throws {
        do {
            try await db.raw("ROLLBACK").run()
        } catch where "\(error)".contains("no transaction is active") {
            // SQLite ended the transaction itself (an interrupted statement, a full disk): the
            // connection is clean and goes back to the pool.
            throw error
        } catch {
            lease.discard = true
            lease.rollbackError = "\(error)"
            throw error
        }
    }

    /// What `body` may say about the connection it was lent.
    final class Lease: @unchecked Sendable {
        /// Close the connection instead of returning it to the pool.
        var discard = false
        /// Why the ROLLBACK failed, for the log.
        var rollbackError = ""
    }

    private func withLease<T>(reading: Bool, statementTimeout: Double?,
                              _ body: (any SQLDatabase, Lease) async throws -> T) async throws -> T {
        lent.withLock { $0 += 1 }
        defer { lent.withLock { $0 -= 1 } }
        switch storage {
        case .sqlite(let writer, let readers):
            let pool = reading ? readers : writer
            let connection = try await pool.requestConnection().get()
            let lease = Lease()
            do {
                let result = try await body(connection.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil), lease)
                await release(connection, to: pool, lease)
                return result
            } catch {
                await release(connection, to: pool, lease)
                throw error
            }
        case .postgres(let pool):
            let deadline = TimeAmount.milliseconds(Int64(max(1, statementTimeout ?? self.statementTimeout) * 1000))
            var attempt = 0
            while true {
                attempt += 1
                let connection = try await pool.requestConnection().get()
                let usage = GuardedPostgresDatabase.Usage()
                let lease = Lease()
                do {
                    let result = try await body(GuardedPostgresDatabase(connection: connection, statementTimeout: deadline, usage: usage),
                                                lease)
                    await release(connection, to: pool, lease)
                    return result
                } catch is GuardedPostgresDatabase.ClosedBeforeSending where usage.sent == 0 && attempt < 4 {
                    await release(connection, to: pool, lease)
                    continue  // a connection that died in the pool; nothing was sent on it
                } catch {
                    await release(connection, to: pool, lease)
                    throw error
                }
            }
        }
    }

    private func release(_ connection: SQLiteConnection, to pool: EventLoopConnectionPool<CatalogSQLiteSource>, _ lease: Lease) async {
        if lease.discard {
            logger.warning("closing a catalog connection whose ROLLBACK failed", metadata: ["error": "\(lease.rollbackError)"])
            try? await connection.close().get()
        }
        pool.releaseConnection(connection)
    }

    /// A discarded PostgreSQL connection goes back to the pool only once it is closed (the pool
    /// prunes closed connections), and the caller does not wait for that: closing a connection the
    /// server has already ended can take as long as the channel's teardown, which under load was
    /// long enough for a call to outlive its caller's deadline. Until the close completes the
    /// connection counts against the pool's size; nothing is sent on it.
    private func release(_ connection: PostgresConnection, to pool: EventLoopGroupConnectionPool<PostgresConnectionSource>,
                         _ lease: Lease) async {
        guard lease.discard else { return pool.releaseConnection(connection) }
        logger.warning("closing a catalog connection whose ROLLBACK failed", metadata: ["error": "\(lease.rollbackError)"])
        connection.close().whenComplete { [self] _ in
            if case .postgres(let pool) = storage { pool.releaseConnection(connection) }
        }
    }

    /// Closes every connection, once those lent out are back (a call still running when its
    /// caller was cancelled, say; at most 10 s); the pool is unusable afterwards. Safe to call twice.
    func shutdown() async {
        // Its own task: a cancelled caller's sleeps would not wait.
        await Task { [self] in
            for _ in 0..<1000 where lent.withLock({ $0 }) > 0 { try? await Task.sleep(for: .milliseconds(10)) }
        }.value
        switch storage {
        case .sqlite(let writer, let readers):
            try? await readers.close().get()
            try? await writer.close().get()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
    }
}
