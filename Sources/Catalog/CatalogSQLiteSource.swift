import AsyncKit
#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Store

/// Opens SQLite connections for the pool with the catalog's settings on every connection:
/// a busy timeout (another connection's write waits rather than fails), foreign keys on, and
/// WAL journaling (readers do not block the writer; persistent in the file once set). The file is
/// made owner-only (0600) before SQLite first opens it; SQLite gives its `-wal` and `-shm` the
/// database file's mode, so they are too.
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
        let path = self.path
        return threadPool.runIfActive(eventLoop: eventLoop) { try Self.createOwnerOnly(path) }
            .flatMap { SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop) }
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

    /// Creates the database file empty with mode 0600 unless it exists (SQLite would make it 0644
    /// less the umask). An empty file is a valid empty database to SQLite.
    static func createOwnerOnly(_ path: String) throws {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, OwnerOnly.fileMode)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw CatalogError.database("cannot create the catalog file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
