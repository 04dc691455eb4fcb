/// Where the catalog lives and how it hashes passwords.
///
/// `.sqlite(path:)` is the embedded default (a file beside the store, zero setup);
/// `.postgres(url:)` is for a cluster of nodes sharing one database.
public struct CatalogConfiguration: Sendable, Hashable {
    /// The database behind the catalog.
    public enum Database: Sendable, Hashable {
        /// An SQLite file, opened in WAL mode with foreign keys on and a busy timeout.
        case sqlite(path: String)
        /// A PostgreSQL server, e.g. `postgres://atrium@127.0.0.1:5432/atrium?sslmode=disable`.
        case postgres(url: String)
    }

    public var database: Database
    /// bcrypt cost (log2 rounds, 4…31). 10 by default; tests use 4 to stay fast.
    public var bcryptCost: UInt8
    /// Pooled PostgreSQL connections per event loop (SQLite always uses one connection).
    public var connectionsPerEventLoop: Int
    /// How long SQLite waits for a lock held by another process.
    public var sqliteBusyTimeoutMilliseconds: Int
    /// How long a call waits for a pooled connection before it fails with
    /// `connectionRequestTimeout`, in seconds. SQLite has one writer connection, so writes queue
    /// for it; 60 s is far past any healthy queue.
    public var connectionRequestTimeout: Double = 60
    /// How this node's connections show in `pg_stat_activity`.
    public var applicationName = "atrium"
    /// PostgreSQL: the longest a statement may go without an answer before its connection is
    /// closed and the call fails (a server or network gone silent). Seconds.
    public var statementTimeout: Double = 60
    /// PostgreSQL: `idle_in_transaction_session_timeout` for this node's connections, in seconds
    /// (nil: the server's setting). The server then ends the session of a node frozen inside a
    /// transaction, so the row locks it holds (the master lease's, a job's) do not block the
    /// other nodes until it thaws. A cluster sets it from its heartbeat.
    public var idleInTransactionTimeout: Double?
    /// The limits of users for whom neither they nor their groups have one set (README,
    /// "Quotas"); nil (a command's or a test's catalog): unlimited. The gateway sets its settings.
    public var quotaDefaults: QuotaDefaults?

    public init(database: Database, bcryptCost: UInt8 = 10, connectionsPerEventLoop: Int = 2,
                sqliteBusyTimeoutMilliseconds: Int = 10_000) {
        self.database = database
        self.bcryptCost = bcryptCost
        self.connectionsPerEventLoop = connectionsPerEventLoop
        self.sqliteBusyTimeoutMilliseconds = sqliteBusyTimeoutMilliseconds
    }

    /// The embedded default: an SQLite file at `path`.
    public static func sqlite(path: String, bcryptCost: UInt8 = 10) -> CatalogConfiguration {
        CatalogConfiguration(database: .sqlite(path: path), bcryptCost: bcryptCost)
    }

    /// A PostgreSQL server reached through `url`.
    public static func postgres(url: String, bcryptCost: UInt8 = 10) -> CatalogConfiguration {
        CatalogConfiguration(database: .postgres(url: url), bcryptCost: bcryptCost)
    }
}
