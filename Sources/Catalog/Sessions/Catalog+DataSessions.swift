import Foundation
import SQLKit

/// Data sessions: created `starting` with the seat the launcher took, `ready` once the runtime
/// answers, `ended` for good (which also returns the seat, in the same transaction).
extension Catalog {
    /// Records a new data session in state `starting`.
    @discardableResult
    public func createDataSession(id: String, userId: String, app: String, appVersion: String, runtime: String, node: String,
                                  seatId: String, now: Date = Date()) async throws -> DataSessionRecord {
        for (name, value) in [("id", id), ("user id", userId), ("app", app), ("app version", appVersion), ("runtime", runtime),
                              ("node", node), ("seat id", seatId)] where value.isEmpty || value.utf8.count > 256 {
            throw CatalogError.invalidArgument("session \(name) must be 1-256 bytes")
        }
        let ms = CatalogTime.ms(now)
        let record = DataSessionRecord(id: id, userId: userId, app: app, appVersion: appVersion, runtime: runtime, node: node,
                                       state: .starting, seatId: seatId, createdAt: CatalogTime.date(ms))
        return try await transaction { db in
            try await db.raw("""
                INSERT INTO data_sessions (id, user_id, app, app_version, runtime, node, address, state, seat_id, token_id,
                                           created_at, ready_at, ended_at, end_reason, log_digest)
                VALUES (\(bind: id), \(bind: userId), \(bind: app), \(bind: appVersion), \(bind: runtime), \(bind: node), NULL,
                        'starting', \(bind: seatId), NULL, \(bind: ms), NULL, NULL, NULL, NULL)
                """).run()
            try await audit(db, .user(userId), "session.create", "session:\(id)",
                            ["app": app, "version": appVersion, "runtime": runtime, "node": node, "seat": seatId], at: now)
            return record
        }
    }

    /// `starting` → `ready`, with where it listens and its session token. `.notFound` for an
    /// unknown session, `.conflict` when it is no longer starting.
    public func markDataSessionReady(id: String, address: String, tokenId: String?, now: Date = Date()) async throws {
        try await transaction { db in
            let rows = try await db.raw("""
                UPDATE data_sessions SET state = 'ready', address = \(bind: address), token_id = \(bind: tokenId),
                                         ready_at = \(bind: CatalogTime.ms(now))
                WHERE id = \(bind: id) AND state = 'starting' RETURNING id
                """).all()
            guard rows.isEmpty else { return }
            guard let row = try await db.raw("SELECT state FROM data_sessions WHERE id = \(bind: id)").first() else {
                throw CatalogError.notFound("data session", id)
            }
            throw CatalogError.conflict("data session \(id) is \(try row.string("state")), not starting")
        }
    }

    /// `starting`/`ready` → `stopping` (a stop is under way). Returns false when the session is
    /// already stopping or ended; `.notFound` for an unknown one.
    @discardableResult
    public func markDataSessionStopping(id: String) async throws -> Bool {
        try await transaction { db in
            let rows = try await db.raw("""
                UPDATE data_sessions SET state = 'stopping' WHERE id = \(bind: id) AND state IN ('starting', 'ready') RETURNING id
                """).all()
            if !rows.isEmpty { return true }
            guard try await db.raw("SELECT id FROM data_sessions WHERE id = \(bind: id)").first() != nil else {
                throw CatalogError.notFound("data session", id)
            }
            return false
        }
    }

    /// Ends a session with `reason` (and its log's digest) and returns its seat with the same
    /// reason. Ending it again changes nothing and returns it as it is; nil for an unknown id.
    @discardableResult
    public func endDataSession(id: String, reason: String, logDigest: String?, now: Date = Date()) async throws -> DataSessionRecord? {
        try await transaction { db in
            if let ended = try await endDataSession(db, id: id, reason: reason, logDigest: logDigest, now: now) { return ended }
            return try await db.raw("SELECT \(unsafeRaw: Self.dataSessionColumns) FROM data_sessions WHERE id = \(bind: id)")
                .first().map(Self.dataSession)
        }
    }

    /// Ends session `id` inside the caller's transaction, returning its seat with the same
    /// reason, audited. Returns the ended session; nil when it had already ended or is unknown.
    func endDataSession(_ db: any SQLDatabase, id: String, reason: String, logDigest: String?,
                        now: Date) async throws -> DataSessionRecord? {
        guard let row = try await db.raw("""
            UPDATE data_sessions SET state = 'ended', ended_at = \(bind: CatalogTime.ms(now)), end_reason = \(bind: reason),
                                     log_digest = \(bind: logDigest)
            WHERE id = \(bind: id) AND state <> 'ended'
            RETURNING \(unsafeRaw: Self.dataSessionColumns)
            """).first() else { return nil }
        let session = try Self.dataSession(row)
        try await returnSeat(db, id: session.seatId, reason: reason, now: now, missingIsError: false)
        try await audit(db, .user(session.userId), "session.end", "session:\(id)",
                        ["app": session.app, "reason": reason, "node": session.node], at: now)
        return session
    }

    public func dataSession(id: String) async throws -> DataSessionRecord? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.dataSessionColumns) FROM data_sessions WHERE id = \(bind: id)")
                .first().map(Self.dataSession)
        }
    }

    /// Sessions newest first, optionally one user's, optionally only those not ended.
    public func listDataSessions(userId: String?, activeOnly: Bool, limit: Int) async throws -> [DataSessionRecord] {
        try FilteredList.check(limit: limit)
        var list = FilteredList(Self.dataSessionColumns, from: "data_sessions")
        list.filter("user_id", equals: userId)
        if activeOnly { list.filter("state <> 'ended'") }
        let query = list.query(orderBy: "created_at DESC, id DESC", limit: limit)
        return try await read { db in try await db.raw(query).all().map(Self.dataSession) }
    }

    /// Sessions on `node` that have not ended (to clean up after a restart of that node).
    public func activeDataSessions(node: String) async throws -> [DataSessionRecord] {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.dataSessionColumns) FROM data_sessions
                WHERE node = \(bind: node) AND state <> 'ended' ORDER BY created_at, id
                """).all().map(Self.dataSession)
        }
    }

    // MARK: rows

    static let dataSessionColumns = """
        id, user_id, app, app_version, runtime, node, address, state, seat_id, token_id, created_at, ready_at, ended_at,
        end_reason, log_digest
        """

    static func dataSession(_ row: any SQLRow) throws -> DataSessionRecord {
        guard let state = DataSessionState(rawValue: try row.string("state")) else {
            throw CatalogError.database("unknown data session state")
        }
        return DataSessionRecord(
            id: try row.string("id"), userId: try row.string("user_id"), app: try row.string("app"),
            appVersion: try row.string("app_version"), runtime: try row.string("runtime"), node: try row.string("node"),
            address: try row.optionalString("address"), state: state, seatId: try row.string("seat_id"),
            tokenId: try row.optionalString("token_id"), createdAt: CatalogTime.date(try row.int("created_at")),
            readyAt: CatalogTime.date(try row.optionalInt("ready_at")), endedAt: CatalogTime.date(try row.optionalInt("ended_at")),
            endReason: try row.optionalString("end_reason"), logDigest: try row.optionalString("log_digest"))
    }
}
