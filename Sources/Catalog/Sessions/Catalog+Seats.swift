import Foundation
import SQLKit

/// License seats. A seat is *held* while `returned_at IS NULL AND lease_until > now`; a holder
/// that dies stops renewing and its seat lapses by itself. Every seat row stays as the usage
/// history.
///
/// Taking a seat is one transaction that first updates the `seats` row of `catalog_locks`: on
/// PostgreSQL that row lock serializes every seat taker of every node (READ COMMITTED: the
/// counts read after the lock see every seat committed before it), on SQLite the single writer
/// (`BEGIN IMMEDIATE`) already does. So the limits hold across connections and nodes.
extension Catalog {
    /// Takes a seat of `kind` for `holder`, or throws `.limitReached` naming the limit: the
    /// concurrent seats of that kind, or the named users (a user becomes named at their first
    /// seat and stays named). A holder that already holds a seat of this kind gets that seat
    /// back, its lease extended (a retried launch takes no second seat).
    public func takeSeat(kind: SeatKind, holder: String, userId: String, app: String, node: String, limits: SeatLimits,
                         leaseUntil: Date, now: Date = Date()) async throws -> Seat {
        for (name, value) in [("holder", holder), ("user id", userId), ("app", app), ("node", node)]
        where value.isEmpty || value.utf8.count > 256 {
            throw CatalogError.invalidArgument("seat \(name) must be 1-256 bytes")
        }
        guard leaseUntil > now else { throw CatalogError.invalidArgument("a seat's lease must end after now") }
        let nowMs = CatalogTime.ms(now), leaseMs = CatalogTime.ms(leaseUntil)
        return try await transaction { db in
            try await db.raw("UPDATE catalog_locks SET version = version + 1 WHERE name = 'seats'").run()
            if let row = try await db.raw("""
                UPDATE seats SET lease_until = \(bind: leaseMs)
                WHERE holder = \(bind: holder) AND kind = \(bind: kind.rawValue) AND returned_at IS NULL AND lease_until > \(bind: nowMs)
                RETURNING \(unsafeRaw: Self.seatColumns)
                """).first() {
                return try Self.seat(row)
            }
            if let limit = limits.limit(for: kind) {
                let held = try await Self.count(db, """
                    SELECT COUNT(*) AS n FROM seats
                    WHERE kind = \(bind: kind.rawValue) AND returned_at IS NULL AND lease_until > \(bind: nowMs)
                    """)
                if held >= limit {
                    throw CatalogError.limitReached(limit == 0 ? "the license grants no \(kind.limitName) seats"
                                                               : "all \(limit) \(kind.limitName) seats are in use")
                }
            }
            if kind == .data { try await requireQuota(db, userId: userId, kind: .dataSessions, now: now) }
            let named = try await db.raw("SELECT user_id FROM license_users WHERE user_id = \(bind: userId)").first() != nil
            if !named {
                if let limit = limits.namedUsers {
                    let count = try await Self.count(db, "SELECT COUNT(*) AS n FROM license_users")
                    if count >= limit {
                        throw CatalogError.limitReached(limit == 0 ? "the license grants no named users"
                                                                   : "all \(limit) named users are taken")
                    }
                }
                try await db.raw("""
                    INSERT INTO license_users (user_id, first_seen_at) VALUES (\(bind: userId), \(bind: nowMs))
                    """).run()
            }
            let seat = Seat(id: CatalogID.make(now: now), kind: kind, holder: holder, userId: userId, app: app, node: node,
                            takenAt: CatalogTime.date(nowMs), leaseUntil: CatalogTime.date(leaseMs))
            try await db.raw("""
                INSERT INTO seats (id, kind, holder, user_id, app, node, taken_at, lease_until, returned_at, return_reason)
                VALUES (\(bind: seat.id), \(bind: kind.rawValue), \(bind: holder), \(bind: userId), \(bind: app), \(bind: node),
                        \(bind: nowMs), \(bind: leaseMs), NULL, NULL)
                """).run()
            try await audit(db, .user(userId), "seat.take", "app:\(app)",
                            ["seat": seat.id, "kind": kind.rawValue, "holder": holder, "node": node], at: now)
            return seat
        }
    }

    /// Extends to `until` the lease of every seat `node` holds (a heartbeat); returns how many.
    /// Lapsed seats are not revived: their place may already be taken.
    @discardableResult
    public func renewSeats(node: String, until: Date, now: Date = Date()) async throws -> Int {
        try await transaction { db in
            try await db.raw("""
                UPDATE seats SET lease_until = \(bind: CatalogTime.ms(until))
                WHERE node = \(bind: node) AND returned_at IS NULL AND lease_until > \(bind: CatalogTime.ms(now))
                RETURNING id
                """).all().count
        }
    }

    /// Extends one held seat's lease to `until`; `.notFound("held seat", id)` when it is
    /// returned, lapsed or unknown.
    public func renewSeat(id: String, until: Date, now: Date = Date()) async throws {
        try await transaction { db in
            let rows = try await db.raw("""
                UPDATE seats SET lease_until = \(bind: CatalogTime.ms(until))
                WHERE id = \(bind: id) AND returned_at IS NULL AND lease_until > \(bind: CatalogTime.ms(now))
                RETURNING id
                """).all()
            guard !rows.isEmpty else { throw CatalogError.notFound("held seat", id) }
        }
    }

    /// Returns a seat with `reason`. Returning it again changes nothing (the first return and
    /// its reason stand); an unknown id is `.notFound`.
    public func returnSeat(id: String, reason: String, now: Date = Date()) async throws {
        try await transaction { db in
            try await returnSeat(db, id: id, reason: reason, now: now, missingIsError: true)
        }
    }

    /// Closes the history of seats whose lease lapsed before `now` without a return (their
    /// holder died): returned at their lease's end with reason "lease lapsed". Returns them.
    /// Held seats are unaffected; limits never counted the lapsed ones anyway.
    @discardableResult
    public func closeLapsedSeats(now: Date = Date()) async throws -> [Seat] {
        try await transaction { db in
            let lapsed = try await db.raw("""
                UPDATE seats SET returned_at = lease_until, return_reason = 'lease lapsed'
                WHERE returned_at IS NULL AND lease_until <= \(bind: CatalogTime.ms(now))
                RETURNING \(unsafeRaw: Self.seatColumns)
                """).all().map(Self.seat)
            for seat in lapsed {
                try await audit(db, .system, "seat.lapse", "app:\(seat.app)",
                                ["seat": seat.id, "kind": seat.kind.rawValue, "holder": seat.holder, "node": seat.node], at: now)
            }
            return lapsed.sorted { $0.takenAt < $1.takenAt }
        }
    }

    /// The seats held at `now`, oldest first.
    public func heldSeats(now: Date = Date()) async throws -> [Seat] {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.seatColumns) FROM seats
                WHERE returned_at IS NULL AND lease_until > \(bind: CatalogTime.ms(now)) ORDER BY taken_at, id
                """).all().map(Self.seat)
        }
    }

    /// Usage history, newest first: seats held at some time in `[from, to)` (a seat counts
    /// until it was returned or its lease lapsed), optionally one user's or one app's.
    public func seatHistory(from: Date?, to: Date?, userId: String?, app: String?, limit: Int) async throws -> [Seat] {
        try FilteredList.check(limit: limit)
        var list = FilteredList(Self.seatColumns, from: "seats")
        if let to { list.filter("taken_at < \(bind: CatalogTime.ms(to))") }
        if let from {
            let ms = CatalogTime.ms(from)
            list.filter("((returned_at IS NULL AND lease_until > \(bind: ms)) OR (returned_at IS NOT NULL AND returned_at > \(bind: ms)))")
        }
        list.filter("user_id", equals: userId)
        list.filter("app", equals: app)
        let query = list.query(orderBy: "taken_at DESC, id DESC", limit: limit)
        return try await read { db in try await db.raw(query).all().map(Self.seat) }
    }

    /// How many users are named (have ever taken a seat).
    public func namedUserCount() async throws -> Int {
        try await read { db in try await Self.count(db, "SELECT COUNT(*) AS n FROM license_users") }
    }

    /// The seat `id`, held or not.
    public func seat(id: String) async throws -> Seat? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.seatColumns) FROM seats WHERE id = \(bind: id)").first().map(Self.seat)
        }
    }

    // MARK: helpers

    /// Returns seat `id` inside the caller's transaction (idempotent); audits the first return.
    func returnSeat(_ db: any SQLDatabase, id: String, reason: String, now: Date, missingIsError: Bool) async throws {
        let returned = try await db.raw("""
            UPDATE seats SET returned_at = \(bind: CatalogTime.ms(now)), return_reason = \(bind: reason)
            WHERE id = \(bind: id) AND returned_at IS NULL
            RETURNING \(unsafeRaw: Self.seatColumns)
            """).first()
        if let returned {
            let seat = try Self.seat(returned)
            try await audit(db, .user(seat.userId), "seat.return", "app:\(seat.app)",
                            ["seat": id, "kind": seat.kind.rawValue, "holder": seat.holder, "reason": reason], at: now)
        } else if missingIsError, try await db.raw("SELECT id FROM seats WHERE id = \(bind: id)").first() == nil {
            throw CatalogError.notFound("seat", id)
        }
    }

    static func count(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        Int(try await db.raw(query).first()?.int("n") ?? 0)
    }

    static let seatColumns = "id, kind, holder, user_id, app, node, taken_at, lease_until, returned_at, return_reason"

    static func seat(_ row: any SQLRow) throws -> Seat {
        guard let kind = SeatKind(rawValue: try row.string("kind")) else { throw CatalogError.database("unknown seat kind") }
        return Seat(id: try row.string("id"), kind: kind, holder: try row.string("holder"), userId: try row.string("user_id"),
                    app: try row.string("app"), node: try row.string("node"), takenAt: CatalogTime.date(try row.int("taken_at")),
                    leaseUntil: CatalogTime.date(try row.int("lease_until")),
                    returnedAt: CatalogTime.date(try row.optionalInt("returned_at")),
                    returnReason: try row.optionalString("return_reason"))
    }
}
