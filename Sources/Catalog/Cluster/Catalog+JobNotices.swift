import SQLKit

/// Telling the cluster's nodes about the job queue at once (`JobNotice`). PostgreSQL only: on
/// SQLite there is one node, which wakes its own job runner in process.
extension Catalog {
    /// Inside the caller's transaction: `notice` reaches the listening nodes when (and only if)
    /// the transaction commits, so no node looks before the change is visible.
    func notify(_ db: any SQLDatabase, _ notice: JobNotice) async throws {
        guard pool.kind == .postgres else { return }
        try await db.raw("SELECT pg_notify(\(bind: JobNotice.channel), \(bind: notice.payload))").run()
    }

    /// Sends `notices` now, in one statement (after a change another call committed).
    public func announce(_ notices: [JobNotice]) async throws {
        guard pool.kind == .postgres, !notices.isEmpty else { return }
        var query: SQLQueryString = "SELECT 1"
        for notice in notices { query += ", pg_notify(\(bind: JobNotice.channel), \(bind: notice.payload))" }
        do {
            try await pool.withConnection { db in try await db.raw(query).run() }
        } catch {
            throw Self.classify(error)
        }
    }

    /// A listener for this catalog's job notices on a connection of its own (never a pooled
    /// one); nil on SQLite. `pingInterval`: how often the idle connection is checked.
    public func jobNoticeListener(pingInterval: Double = 10) throws -> JobNoticeListener? {
        guard case .postgres(let url) = configuration.database else { return nil }
        return try JobNoticeListener(url: url, applicationName: configuration.applicationName + "-jobs", pingInterval: pingInterval,
                                     logger: logger)
    }
}
