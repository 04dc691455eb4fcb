import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import SQLKit

/// A pooled PostgreSQL connection as an `SQLDatabase` whose statements always finish.
///
/// postgres-nio hands a statement to its channel with `write(_, promise: nil)`. Once the server
/// has ended the connection (a restart, `pg_terminate_backend`, `idle_in_transaction_session_timeout`)
/// and NIO has taken the channel's handlers down, that write is dropped and the statement's
/// future never completes: the caller waits for ever. Measured: with the server ending the
/// connections every 150 ms, every worker of `terminatedConnections` hung within a second, most
/// often on the `ROLLBACK` after the error that reported the end.
///
/// Two guards:
/// - The check that the channel is still active and the write happen in one step on the
///   connection's event loop. While the channel is active its handlers are in place, so the
///   statement reaches postgres-nio's state machine, which fails it promptly if the connection
///   is closing. A closed connection fails with `CatalogError.database` before anything is sent.
/// - A deadline (`statementTimeout`) for what no check can see: a server or network that goes
///   silent without closing the connection. The connection is closed when it passes, so the pool
///   replaces it.
struct GuardedPostgresDatabase: SQLDatabase {
    /// The pooled connection was found closed before a statement was sent on it. When it is the
    /// first statement of a call, nothing happened on the server and the pool tries another
    /// connection (a connection that died while idle in the pool, e.g. during a restart).
    struct ClosedBeforeSending: Error, CustomStringConvertible {
        var description: String { "the database connection was closed" }
    }

    /// How many statements were handed to the connection (read after the call, on any thread).
    final class Usage: Sendable {
        private let count = NIOLockedValueBox(0)
        var sent: Int { count.withLockedValue { $0 } }
        func didSend() { count.withLockedValue { $0 += 1 } }
    }

    let connection: PostgresConnection
    let base: any SQLDatabase
    let statementTimeout: TimeAmount
    let usage: Usage

    init(connection: PostgresConnection, statementTimeout: TimeAmount, usage: Usage = Usage()) {
        self.connection = connection
        self.base = connection.sql(queryLogLevel: nil)
        self.statementTimeout = statementTimeout
        self.usage = usage
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let loop = connection.eventLoop
        let connection = connection
        let base = base
        let timeout = statementTimeout
        let usage = usage
        return loop.flatSubmit {
            // On the event loop: nothing can take the handlers down between this check and the write.
            guard !connection.isClosed else { return loop.makeFailedFuture(ClosedBeforeSending()) }
            usage.didSend()
            let promise = loop.makePromise(of: Void.self)
            let deadline = loop.scheduleTask(in: timeout) {
                promise.fail(CatalogError.database("no answer from the database within \(timeout.nanoseconds / 1_000_000_000) s"))
                let closing: EventLoopFuture<Void> = connection.close()
                closing.whenComplete { _ in }
            }
            base.execute(sql: query, onRow).whenComplete { result in
                deadline.cancel()
                promise.completeWith(result)
            }
            return promise.futureResult
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }
}
