import Foundation
import SQLKit

/// Running the job queue: nodes claim due jobs under a lease, renew it, report progress and
/// finish them; the master requeues jobs whose node stopped renewing.
///
/// Every runner call names its node, and may also name the attempt it runs (`attempts` after its
/// claim, a fencing token): a node whose lease was lost and whose job was requeued can no longer
/// change it — not even when the same node claimed it again.
extension Catalog {
    /// Claims the next due job for `node`: queued, `scheduled_at <= now`, highest priority, then
    /// oldest. It becomes `running` on `node` with a lease until `leaseUntil`, its attempts one
    /// more. Never hands one job to two claimers: on PostgreSQL the candidate row is locked with
    /// `FOR UPDATE SKIP LOCKED` (concurrent claimers take the next one instead of waiting), on
    /// SQLite the single writer (`BEGIN IMMEDIATE`) serializes claimers; the update also
    /// re-checks `state = 'queued'`.
    ///
    /// Which jobs are candidates depends on the master's dispatch (`assigned_node`): a single
    /// node (`assignedOnly: false`) takes any job not dispatched to another node; a cluster node
    /// (`assignedOnly: true`) only the jobs the master gave to it, so it never runs more than
    /// the master planned.
    public func claimNextJob(node: String, leaseUntil: Date, now: Date = Date(), assignedOnly: Bool = false) async throws -> JobRecord? {
        guard !node.isEmpty else { throw CatalogError.invalidArgument("node must not be empty") }
        let lock = pool.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = CatalogTime.ms(now)
        let mine: SQLQueryString = assignedOnly ? "AND assigned_node = \(bind: node)"
                                                : "AND (assigned_node IS NULL OR assigned_node = \(bind: node))"
        return try await transaction { db in
            // The candidate can only be lost to another claimer without row locks (never on
            // PostgreSQL, where it is locked; not on SQLite, whose writer is single): look again.
            for _ in 0..<8 {
                guard let candidate = try await db.raw("""
                    SELECT id FROM jobs WHERE state = 'queued' AND scheduled_at <= \(bind: nowMs) \(mine)
                    ORDER BY priority DESC, submitted_at, id LIMIT 1 \(unsafeRaw: lock)
                    """).first() else { return nil }
                let id = try candidate.string("id")
                guard let row = try await db.raw("""
                    UPDATE jobs SET state = 'running', node = \(bind: node), lease_until = \(bind: CatalogTime.ms(leaseUntil)),
                                    started_at = \(bind: nowMs), attempts = attempts + 1, progress = NULL
                    WHERE id = \(bind: id) AND state = 'queued' \(mine)
                    RETURNING \(unsafeRaw: Self.jobColumns)
                    """).first() else { continue }
                let job = try Self.job(row)
                try await audit(db, .system, "job.start", "job:\(id)", ["node": node, "attempt": String(job.attempts)], at: now)
                return job
            }
            throw CatalogError.conflict("the job queue is busy; try again")
        }
    }

    /// Extends the lease of a job running on `node` (and, if given, in attempt `attempt`). False
    /// when it no longer runs there: finished, cancelled, or requeued after its lease lapsed.
    public func renewJobLease(id: String, node: String, until: Date, attempt: Int? = nil) async throws -> Bool {
        let fence = Self.fence(attempt)
        return try await transaction { db in
            let rows = try await db.raw("""
                UPDATE jobs SET lease_until = \(bind: CatalogTime.ms(until))
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' \(fence)
                RETURNING id
                """).all()
            return !rows.isEmpty
        }
    }

    /// Sets the job's current progress line (cut to 4 KiB) while it runs on `node`. Returns
    /// false when it no longer runs there.
    @discardableResult
    public func setJobProgress(id: String, node: String, text: String, attempt: Int? = nil) async throws -> Bool {
        let line = Self.cut(text, maxBytes: 4096)
        let fence = Self.fence(attempt)
        return try await transaction { db in
            let rows = try await db.raw("""
                UPDATE jobs SET progress = \(bind: line)
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' \(fence)
                RETURNING id
                """).all()
            return !rows.isEmpty
        }
    }

    /// Finishes a job running on `node` as `succeeded`, `failed` or `cancelled`. Nil when it is
    /// not running there (any more): the caller's result is stale and is dropped.
    @discardableResult
    /// `progress`, when given, is the job's last progress line, kept with its outcome.
    public func finishJob(id: String, node: String, state: JobState, resultNumber: Int64?, reason: String?, logDigest: String?,
                          progress: String? = nil, now: Date = Date(), attempt: Int? = nil) async throws -> JobRecord? {
        guard state.isFinal else { throw CatalogError.invalidArgument("a job finishes as succeeded, failed or cancelled") }
        let fence = Self.fence(attempt)
        let reasonText = reason.map { Self.cut($0, maxBytes: 4096) }
        return try await transaction { db in
            guard let row = try await db.raw("""
                UPDATE jobs SET state = \(bind: state.rawValue), finished_at = \(bind: CatalogTime.ms(now)), lease_until = NULL,
                                result_number = \(bind: resultNumber), reason = \(bind: reasonText), log_digest = \(bind: logDigest),
                                progress = COALESCE(\(bind: progress.map { Self.cut($0, maxBytes: 4096) }), progress)
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' \(fence)
                RETURNING \(unsafeRaw: Self.jobColumns)
                """).first() else { return nil }
            let job = try Self.job(row)
            var detail = ["state": state.rawValue, "node": node, "attempt": String(job.attempts)]
            if let reasonText { detail["reason"] = reasonText }
            try await audit(db, .system, "job.finish", "job:\(id)", detail, at: now)
            return job
        }
    }

    /// Running jobs whose lease ended before `now` (their node stopped answering): queued again
    /// (node, lease, progress, start and dispatch cleared, attempts kept) while attempts < max
    /// attempts, else failed with the reason "its node stopped answering N times"; one whose
    /// cancel was requested is cancelled. Returns them as they are now.
    ///
    /// This unfenced form is for a single node (the SQLite default), which is its own master; in
    /// a cluster only the master requeues, with `requeueExpiredJobs(master:token:now:)`.
    public func requeueExpiredJobs(now: Date = Date()) async throws -> [JobRecord] {
        try await transaction { db in try await requeueExpiredJobs(db, now: now) }
    }

    /// The cluster master's `requeueExpiredJobs(now:)`: the same, as a fenced master decision —
    /// `.staleFence` and nothing changed unless `master` holds the live lease with `token`.
    public func requeueExpiredJobs(master: String, token: Int64, now: Date = Date()) async throws -> [JobRecord] {
        try await masterDecision(master: master, token: token, now: now) { db in try await requeueExpiredJobs(db, now: now) }
    }

    func requeueExpiredJobs(_ db: any SQLDatabase, now: Date) async throws -> [JobRecord] {
        let lock = pool.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = CatalogTime.ms(now)
        let expired = try await db.raw("""
            SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE state = 'running' AND lease_until < \(bind: nowMs)
            ORDER BY id \(unsafeRaw: lock)
            """).all().map(Self.job)
        var changed: [JobRecord] = []
        for job in expired {
            if let updated = try await handBackLostJob(db, job, stillLost: "AND lease_until < \(bind: nowMs)",
                                                       failReason: "its node stopped answering \(job.attempts) times",
                                                       cancelReason: "cancelled; its node stopped answering", now: now) {
                changed.append(updated)
            }
        }
        return changed
    }

    /// Takes back running `job` whose node is lost (lease lapsed, or node declared dead) inside
    /// the caller's transaction: cancelled when its cancel was requested, failed with
    /// `failReason` at its last attempt, else queued again with attempts kept (so every lost node
    /// counts as an attempt). The update re-checks that it still runs on that node and
    /// `stillLost`. Audited; returns the job as it is now, nil when it had changed meanwhile.
    func handBackLostJob(_ db: any SQLDatabase, _ job: JobRecord, stillLost: SQLQueryString, failReason: String,
                         cancelReason: String, now: Date) async throws -> JobRecord? {
        let nowMs = CatalogTime.ms(now)
        let lost: SQLQueryString = """
            WHERE id = \(bind: job.id) AND state = 'running' AND node = \(bind: job.node ?? "") \(stillLost)
            RETURNING \(unsafeRaw: Self.jobColumns)
            """
        let update: SQLQueryString
        let action: String
        if job.cancelRequested {
            update = """
                UPDATE jobs SET state = 'cancelled', finished_at = \(bind: nowMs), lease_until = NULL, reason = \(bind: cancelReason) \(lost)
                """
            action = "job.cancel"
        } else if job.attempts >= job.maxAttempts {
            update = """
                UPDATE jobs SET state = 'failed', finished_at = \(bind: nowMs), lease_until = NULL, reason = \(bind: failReason) \(lost)
                """
            action = "job.fail"
        } else {
            update = """
                UPDATE jobs SET state = 'queued', node = NULL, lease_until = NULL, progress = NULL, started_at = NULL,
                                assigned_node = NULL, assigned_at = NULL \(lost)
                """
            action = "job.requeue"
        }
        guard let row = try await db.raw(update).first() else { return nil }
        try await audit(db, .system, action, "job:\(job.id)", ["node": job.node ?? "", "attempt": String(job.attempts)], at: now)
        return try Self.job(row)
    }

    /// The earliest scheduled time after `now` of a queued job (a runner may sleep until then),
    /// or nil when no queued job waits for a later time.
    public func nextScheduledJobTime(now: Date = Date()) async throws -> Date? {
        try await read { db in
            try await db.raw("""
                SELECT MIN(scheduled_at) AS t FROM jobs WHERE state = 'queued' AND scheduled_at > \(bind: CatalogTime.ms(now))
                """).first()?.optionalInt("t").map { (ms: Int64) -> Date in CatalogTime.date(ms) }
        }
    }

    /// Jobs running on `node` (to clean up after a restart of that node).
    public func runningJobs(node: String) async throws -> [JobRecord] {
        try await read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE node = \(bind: node) AND state = 'running' ORDER BY id
                """).all().map(Self.job)
        }
    }

    // MARK: helpers

    static func fence(_ attempt: Int?) -> SQLQueryString {
        guard let attempt else { return "" }
        return "AND attempts = \(bind: Int64(attempt))"
    }

    /// `text` cut to at most `maxBytes` UTF-8 bytes, on a character boundary.
    static func cut(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var result = ""
        var bytes = 0
        for character in text {
            let size = String(character).utf8.count
            guard bytes + size <= maxBytes else { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
