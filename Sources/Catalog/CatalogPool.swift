import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// The connection pool behind a `Catalog`: one async-kit pool over the shared event loop group,
/// of SQLite or PostgreSQL connections, each handed out as an SQLKit `SQLDatabase` so the
/// repositories have one SQL code path.
///
/// `@unchecked Sendable`: async-kit's pool predates strict concurrency but guards its state with
/// locks and per-event-loop storage; this wrapper only forwards to it.
final class CatalogPool: @unchecked Sendable {
    enum Kind: Sendable { case sqlite, postgres }

    private enum Storage {
        case sqlite(EventLoopGroupConnectionPool<CatalogSQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private let storage: Storage
    let kind: Kind

    init(_ configuration: CatalogConfiguration, logger: Logger) throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let perLoop = max(1, configuration.connectionsPerEventLoop)
        switch configuration.database {
        case .sqlite(let path):
            guard !path.isEmpty else { throw CatalogError.invalidArgument("empty SQLite path") }
            let source = CatalogSQLiteSource(path: path, busyTimeoutMilliseconds: configuration.sqliteBusyTimeoutMilliseconds)
            storage = .sqlite(EventLoopGroupConnectionPool(source: source, maxConnectionsPerEventLoop: perLoop,
                                                           logger: logger, on: group))
            kind = .sqlite
        case .postgres(let url):
            let sqlConfiguration: SQLPostgresConfiguration
            do {
                sqlConfiguration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw CatalogError.invalidArgument("not a PostgreSQL URL (postgres://user[:password]@host[:port]/database)")
            }
            storage = .postgres(EventLoopGroupConnectionPool(source: PostgresConnectionSource(sqlConfiguration: sqlConfiguration),
                                                             maxConnectionsPerEventLoop: perLoop, logger: logger, on: group))
            kind = .postgres
        }
    }

    /// Runs `body` on one pooled connection, released afterwards whatever happens.
    func withConnection<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch storage {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection().get()
            do {
                let result = try await body(connection.sql())
                pool.releaseConnection(connection)
                return result
            } catch {
                pool.releaseConnection(connection)
                throw error
            }
        case .postgres(let pool):
            let connection = try await pool.requestConnection().get()
            do {
                let result = try await body(connection.sql())
                pool.releaseConnection(connection)
                return result
            } catch {
                pool.releaseConnection(connection)
                throw error
            }
        }
    }

    /// Closes every connection; the pool is unusable afterwards. Safe to call twice.
    func shutdown() async {
        switch storage {
        case .sqlite(let pool): try? await pool.shutdownAsync()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
    }
}
