/// A kind of blocking work with threads of its own in the ``BlockingExecutor``, so that one kind
/// never waits behind another: bcrypt (slow on purpose) never delays a catalog statement, and
/// clients' uploads never keep a session from launching.
public enum BlockingLane: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Password hashing and checking (bcrypt). Waits when full.
    case credentials
    /// The SQLite catalog's statements, on an `NIOThreadPool` the lane owns (SQLiteKit wants one).
    case catalog
    /// Uploads and downloads a client drives (minutes for a large one). Refuses when full: the
    /// gateway answers 503 with `Retry-After` instead of queueing without bound.
    case transfers
    /// The server's own store work: unsealing an app, extracting a runtime, archiving a log, a
    /// job's input and result. Waits when full.
    case files
    /// Walks of the whole store (gc, usage): minutes on a large share. Refuses when full.
    case storeWalks
    /// A session's ready probe (a blocking HTTP GET on loopback). Waits when full.
    case probes

    public var description: String { rawValue }
}
