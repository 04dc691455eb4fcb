import Foundation
import SQLKit

/// Quotas: limits per user and per group, set by admins, with the server's defaults
/// (`CatalogConfiguration.quotaDefaults`; none: unlimited) for everyone else.
///
/// A counted limit is enforced where its unit is taken, in the same transaction as the insert
/// (the data-session seat, the job, the case version): ``requireQuota(_:userId:kind:adding:now:)``
/// first serializes the user's takers (on PostgreSQL a transaction-scoped advisory lock per user;
/// on SQLite the single writer already does), then counts and compares. So concurrent requests
/// racing for the last unit get it once.
extension Catalog {
    /// Sets `subject`'s limit of `kind` (nil: unlimited), replacing an earlier one. Audited.
    public func setQuota(_ subject: Subject, kind: QuotaKind, limit: Int64?, by actor: AuditActor, now: Date = Date()) async throws {
        if let limit, limit < 0 { throw CatalogError.invalidArgument("a quota must be 0 or more") }
        try await transaction { db in
            try await requireSubject(db, subject)
            try await db.raw("""
                DELETE FROM quotas WHERE subject_kind = \(bind: subject.kind) AND subject_id = \(bind: subject.id) AND kind = \(bind: kind.rawValue)
                """).run()
            try await db.raw("""
                INSERT INTO quotas (subject_kind, subject_id, kind, value, set_by, set_at)
                VALUES (\(bind: subject.kind), \(bind: subject.id), \(bind: kind.rawValue), \(bind: limit), \(bind: actor.description),
                        \(bind: CatalogTime.ms(now)))
                """).run()
            try await audit(db, actor, "quota.set", "\(subject.kind):\(subject.id)",
                            ["kind": kind.rawValue, "limit": limit.map(String.init) ?? "unlimited"], at: now)
        }
    }

    /// Removes `subject`'s limit of `kind` (the groups' or the default applies again); returns
    /// whether there was one. Audited when there was.
    @discardableResult
    public func clearQuota(_ subject: Subject, kind: QuotaKind, by actor: AuditActor, now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            try await requireSubject(db, subject)
            let removed = try await db.raw("""
                DELETE FROM quotas WHERE subject_kind = \(bind: subject.kind) AND subject_id = \(bind: subject.id) AND kind = \(bind: kind.rawValue)
                RETURNING kind
                """).all()
            guard !removed.isEmpty else { return false }
            try await audit(db, actor, "quota.clear", "\(subject.kind):\(subject.id)", ["kind": kind.rawValue], at: now)
            return true
        }
    }

    /// The limits set for `subject` itself, by kind.
    public func quotas(of subject: Subject) async throws -> [QuotaSetting] {
        try await read { db in
            try await db.raw("""
                SELECT subject_kind, subject_id, kind, value, set_by, set_at FROM quotas
                WHERE subject_kind = \(bind: subject.kind) AND subject_id = \(bind: subject.id) ORDER BY kind
                """).all().compactMap(Self.quotaSetting)
        }
    }

    /// `userId`'s effective limit of `kind`: their own, else the most generous of their groups',
    /// else the server's default.
    public func effectiveQuota(userId: String, kind: QuotaKind) async throws -> QuotaLimit {
        try await read { db in try await effectiveQuota(db, userId: userId, kind: kind) }
    }

    /// Every limit of `userId` with their use now (nil where the catalog does not count it).
    public func quotaUsage(userId: String, now: Date = Date()) async throws -> [QuotaUsage] {
        try await read { db in
            _ = try await requireUser(db, userId)
            var usage: [QuotaUsage] = []
            for kind in QuotaKind.allCases {
                let limit = try await effectiveQuota(db, userId: userId, kind: kind)
                let used = kind.isCounted ? try await quotaUse(db, userId: userId, kind: kind, now: now) : nil
                usage.append(QuotaUsage(limit: limit, used: used))
            }
            return usage
        }
    }

    // MARK: enforcing, inside the caller's transaction

    /// Inside the transaction that takes a unit of `kind` for `userId`: serializes the user's
    /// takers, counts their use, and throws `.quotaExceeded` when `adding` more would pass the
    /// limit. The caller inserts the unit after this, in the same transaction.
    func requireQuota(_ db: any SQLDatabase, userId: String, kind: QuotaKind, adding: Int64 = 1, now: Date = Date()) async throws {
        try await lockQuotaUser(db, userId: userId)
        try await requireRoom(db, userId: userId, kind: kind, adding: adding, now: now)
    }

    /// Throws `.quotaExceeded` unless `userId` has room for `adding` more of `kind` now, taking
    /// nothing: a check before long work (a case upload is refused before its body is read). The
    /// transaction that takes the unit checks again (``requireQuota(_:userId:kind:adding:now:)``).
    public func requireRoom(userId: String, kind: QuotaKind, adding: Int64, now: Date = Date()) async throws {
        try await read { db in try await requireRoom(db, userId: userId, kind: kind, adding: adding, now: now) }
    }

    private func requireRoom(_ db: any SQLDatabase, userId: String, kind: QuotaKind, adding: Int64, now: Date) async throws {
        let limit = try await effectiveQuota(db, userId: userId, kind: kind)
        guard let value = limit.value else { return }
        let used = try await quotaUse(db, userId: userId, kind: kind, now: now)
        guard limit.allows(used: used, adding: adding) else {
            throw CatalogError.quotaExceeded(QuotaExceeded(kind: kind, limit: value, used: used, requested: adding))
        }
    }

    /// ``requireQuota(_:userId:kind:adding:now:)`` for the storage of the owner of `caseId`.
    func requireStorageQuota(_ db: any SQLDatabase, caseId: String, adding size: Int64) async throws {
        guard let row = try await db.raw("SELECT owner_id FROM cases WHERE id = \(bind: caseId)").first() else { return }
        try await requireQuota(db, userId: try row.string("owner_id"), kind: .storageBytes, adding: size)
    }

    /// PostgreSQL: a transaction-scoped advisory lock per user (released at commit or rollback),
    /// so two transactions taking units of one user count one after the other. SQLite's single
    /// writer (`BEGIN IMMEDIATE`) already serializes them.
    private func lockQuotaUser(_ db: any SQLDatabase, userId: String) async throws {
        guard pool.kind == .postgres else { return }
        // 72616002 names "atrium quotas" (migrations use the single-key space, 72616001).
        try await db.raw("SELECT pg_advisory_xact_lock(72616002, hashtext(\(bind: userId)))").run()
    }

    func effectiveQuota(_ db: any SQLDatabase, userId: String, kind: QuotaKind) async throws -> QuotaLimit {
        let rows = try await db.raw("""
            SELECT subject_kind, subject_id, value FROM quotas
            WHERE kind = \(bind: kind.rawValue)
              AND ((subject_kind = 'user' AND subject_id = \(bind: userId))
                   OR (subject_kind = 'group' AND subject_id IN (SELECT group_id FROM group_members WHERE user_id = \(bind: userId))))
            """).all()
        var best: QuotaLimit?
        for row in rows {
            let value = try row.optionalInt("value")
            let id = try row.string("subject_id")
            if try row.string("subject_kind") == "user" { return QuotaLimit(kind: kind, value: value, source: .user) }
            let candidate = QuotaLimit(kind: kind, value: value, source: .group(id))
            if let current = best {
                best = Self.moreGenerous(current, candidate)
            } else {
                best = candidate
            }
        }
        return best ?? QuotaLimit(kind: kind, value: configuration.quotaDefaults?[kind], source: .serverDefault)
    }

    /// The larger limit (unlimited is the largest); on a tie the group with the smaller id, so
    /// the answer does not depend on row order.
    private static func moreGenerous(_ a: QuotaLimit, _ b: QuotaLimit) -> QuotaLimit {
        switch (a.value, b.value) {
        case (nil, nil): return groupId(a) <= groupId(b) ? a : b
        case (nil, _): return a
        case (_, nil): return b
        case (let x?, let y?): return x != y ? (x > y ? a : b) : (groupId(a) <= groupId(b) ? a : b)
        }
    }

    private static func groupId(_ limit: QuotaLimit) -> String {
        if case .group(let id) = limit.source { return id }
        return ""
    }

    /// What `userId` uses now of a counted kind (0 for the others).
    func quotaUse(_ db: any SQLDatabase, userId: String, kind: QuotaKind, now: Date) async throws -> Int64 {
        switch kind {
        case .dataSessions:
            Int64(try await Self.count(db, """
                SELECT COUNT(*) AS n FROM seats
                WHERE user_id = \(bind: userId) AND kind = 'data' AND returned_at IS NULL AND lease_until > \(bind: CatalogTime.ms(now))
                """))
        case .jobs:
            Int64(try await Self.count(db, """
                SELECT COUNT(*) AS n FROM jobs WHERE user_id = \(bind: userId) AND state IN ('queued', 'running')
                """))
        case .storageBytes:
            // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back.
            try await db.raw("""
                SELECT CAST(COALESCE(SUM(v.size), 0) AS BIGINT) AS n FROM case_versions v JOIN cases c ON c.id = v.case_id
                WHERE c.owner_id = \(bind: userId)
                """).first()?.int("n") ?? 0
        case .uploadBytes, .transfers, .webSockets, .frameBytes, .jobPriority:
            0
        }
    }

    static func quotaSetting(_ row: any SQLRow) throws -> QuotaSetting? {
        guard let subject = Subject(kind: try row.string("subject_kind"), id: try row.string("subject_id")),
              let kind = QuotaKind(rawValue: try row.string("kind")) else { return nil }
        return QuotaSetting(subject: subject, kind: kind, limit: try row.optionalInt("value"), setBy: try row.string("set_by"),
                            setAt: CatalogTime.date(try row.int("set_at")))
    }
}

extension Catalog {
    /// Every limit set for a user or a group, by subject and kind (for the admins' overview).
    public func allQuotaSettings() async throws -> [QuotaSetting] {
        try await read { db in
            try await db.raw("""
                SELECT subject_kind, subject_id, kind, value, set_by, set_at FROM quotas ORDER BY subject_kind, subject_id, kind
                """).all().compactMap(Self.quotaSetting)
        }
    }
}
