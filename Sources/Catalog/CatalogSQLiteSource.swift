import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Store

/// Opens SQLite connections for the pool with the catalog's settings on every connection:
/// a busy timeout (another connection's write waits rather than fails), foreign keys on, and
/// WAL journaling (readers do not block the writer; persistent in the file once set).
struct CatalogSQLiteSource: ConnectionPoolSource, Sendable {
    let path: String
    let busyTimeoutMilliseconds: Int
    /// Statements run on its catalog lane.
    let executor: BlockingExecutor
    /// Read-only connections (`PRAGMA query_only`) for reads outside transactions.
    var readOnly = false

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        let timeout = String(max(0, busyTimeoutMilliseconds))
        let threadPool: NIOThreadPool
        do {
            threadPool = try executor.catalogThreadPool()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                let db = connection.sql()
                return db.raw("PRAGMA busy_timeout = \(unsafeRaw: timeout)").run()
                    .flatMap { db.raw("PRAGMA foreign_keys = ON").run() }
                    .flatMap { db.raw("PRAGMA journal_mode = WAL").run() }
                    .flatMap { readOnly ? db.raw("PRAGMA query_only = ON").run() : connection.eventLoop.makeSucceededVoidFuture() }
                    .map { connection }
                    .flatMapError { error in connection.close().flatMapThrowing { (_: Void) -> SQLiteConnection in throw error } }
            }
    }
}
