import Foundation
import SQLKit

/// Running jobs going back: given back by their node (shutdown, no free seat, an attempt it
/// abandoned or a restart found orphaned), lost with a lapsed lease, or lost with a node the
/// master declared dead (which also ends that node's sessions and returns its seats).
///
/// What becomes of each such job is not decided here: the caller passes a `JobHandBack.Rule`
/// (Sessions' `JobMachine`), which sees the job as it is inside the transaction; the catalog
/// carries the verdict out, fenced by state, node and attempt, in that same transaction.
extension Catalog {
    /// Gives a job running on `node` (and, if given, in attempt `attempt`) back as `rule`
    /// decides: queued again (its attempt counted or given back), failed or cancelled. Nil when
    /// the job no longer runs there. A released job loses its dispatch too: in a cluster the
    /// master gives it to a node that can run it, not back to the one that just handed it back.
    @discardableResult
    public func releaseJob(id: String, node: String, now: Date = Date(), attempt: Int? = nil,
                           rule: JobHandBack.Rule) async throws -> JobRecord? {
        let fence = Self.fence(attempt)
        return try await transaction { db in
            guard let current = try await db.raw("""
                SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' \(fence)
                """).first().map(Self.job) else { return nil }
            return try await handBack(db, current, rule(current), stillLost: "", released: true, now: now)
        }
    }

    /// Running jobs whose lease ended before `now` (their node stopped renewing it), each handed
    /// back as `rule` decides. Returns them as they are now.
    ///
    /// This unfenced form is for a single node (the SQLite default), which is its own master; in
    /// a cluster only the master requeues, with `requeueExpiredJobs(master:token:now:rule:)`.
    public func requeueExpiredJobs(now: Date = Date(), rule: JobHandBack.Rule) async throws -> [JobRecord] {
        try await transaction { db in try await requeueExpiredJobs(db, now: now, rule: rule) }
    }

    /// The cluster master's `requeueExpiredJobs(now:rule:)`: the same, as a fenced master
    /// decision — `.staleFence` and nothing changed unless `master` holds the live lease with `token`.
    public func requeueExpiredJobs(master: String, token: Int64, now: Date = Date(),
                                   rule: JobHandBack.Rule) async throws -> [JobRecord] {
        try await masterDecision(master: master, token: token, now: now) { db in
            try await requeueExpiredJobs(db, now: now, rule: rule)
        }
    }

    private func requeueExpiredJobs(_ db: any SQLDatabase, now: Date, rule: JobHandBack.Rule) async throws -> [JobRecord] {
        let lock = pool.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = CatalogTime.ms(now)
        let expired = try await db.raw("""
            SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE state = 'running' AND lease_until < \(bind: nowMs)
            ORDER BY id \(unsafeRaw: lock)
            """).all().map(Self.job)
        var changed: [JobRecord] = []
        for job in expired {
            if let updated = try await handBack(db, job, rule(job), stillLost: "AND lease_until < \(bind: nowMs)", released: false,
                                                now: now) {
                changed.append(updated)
            }
        }
        return changed
    }

    /// Carries out `verdict` for running `job` inside the caller's transaction. The update
    /// re-checks that the job still runs on its node in the same attempt, and `stillLost`.
    /// Audited (`job.release` for a job its node `released`, else `job.requeue`; `job.fail`,
    /// `job.cancel`); returns the job as it is now, nil when it had changed meanwhile.
    private func handBack(_ db: any SQLDatabase, _ job: JobRecord, _ verdict: JobHandBack, stillLost: SQLQueryString,
                          released: Bool, now: Date) async throws -> JobRecord? {
        let nowMs = CatalogTime.ms(now)
        let fenced: SQLQueryString = """
            WHERE id = \(bind: job.id) AND state = 'running' AND node = \(bind: job.node ?? "")
              AND attempts = \(bind: Int64(job.attempts)) \(stillLost)
            RETURNING \(unsafeRaw: Self.jobColumns)
            """
        let update: SQLQueryString
        let action: String
        var detail = ["node": job.node ?? "", "attempt": String(job.attempts)]
        switch verdict {
        case .requeue(let countAttempt):
            let giveBack: Int64 = countAttempt ? 0 : 1
            update = """
                UPDATE jobs SET state = 'queued', node = NULL, lease_until = NULL, progress = NULL, started_at = NULL,
                                assigned_node = NULL, assigned_at = NULL, attempts = attempts - \(bind: giveBack) \(fenced)
                """
            action = released ? "job.release" : "job.requeue"
            if released { detail["counted"] = countAttempt ? "yes" : "no" }
        case .fail(let reason):
            update = Self.endLostJob(.failed, reason: reason, at: nowMs, fenced)
            action = "job.fail"
        case .cancel(let reason):
            update = Self.endLostJob(.cancelled, reason: reason, at: nowMs, fenced)
            action = "job.cancel"
        }
        guard let row = try await db.raw(update).first() else { return nil }
        try await audit(db, .system, action, "job:\(job.id)", detail, at: now)
        return try Self.job(row)
    }

    private static func endLostJob(_ state: JobState, reason: String, at nowMs: Int64, _ fenced: SQLQueryString) -> SQLQueryString {
        """
        UPDATE jobs SET state = \(bind: state.rawValue), finished_at = \(bind: nowMs), lease_until = NULL,
                        reason = \(bind: cut(reason, maxBytes: 4096)) \(fenced)
        """
    }

    /// Declares dead every `up` node whose last heartbeat is older than `heartbeatBefore`
    /// (never `master` itself: a master that can decide is alive), as one fenced master
    /// decision: `.staleFence` and nothing changed unless `master` holds the live lease with
    /// `token`. For each dead node N, in the same transaction:
    /// - its running jobs are handed back as `rule` decides (queued again, failed at their last
    ///   attempt, cancelled when their cancel was requested);
    /// - its queued jobs assigned by the dispatcher are un-assigned;
    /// - its data sessions not ended end with "lost: its node N stopped answering" (their seats
    ///   returned), and their session API tokens are revoked;
    /// - every seat still open on N is returned with that reason.
    /// A dead node's process that comes back finds its heartbeat refused and registers anew.
    public func declareDeadNodes(master: String, token: Int64, heartbeatBefore: Date, now: Date = Date(),
                                 rule: JobHandBack.Rule) async throws -> [DeadNodeCleanup] {
        let beforeMs = CatalogTime.ms(heartbeatBefore)
        return try await masterDecision(master: master, token: token, now: now) { db in
            let stale = try await db.raw("""
                SELECT name, heartbeat_at FROM nodes
                WHERE state = 'up' AND heartbeat_at < \(bind: beforeMs) AND name <> \(bind: master)
                ORDER BY name
                """).all()
            var cleanups: [DeadNodeCleanup] = []
            for row in stale {
                let name = try row.string("name")
                let lastSeen = CatalogTime.date(try row.int("heartbeat_at")).formatted(.iso8601)
                let reason = "missed heartbeats since \(lastSeen)"
                // Re-checked: a heartbeat that committed since the SELECT keeps the node alive.
                let marked = try await db.raw("""
                    UPDATE nodes SET state = 'dead', state_changed_at = \(bind: CatalogTime.ms(now)), reason = \(bind: reason)
                    WHERE name = \(bind: name) AND state = 'up' AND heartbeat_at < \(bind: beforeMs)
                    RETURNING name
                    """).all()
                guard !marked.isEmpty else { continue }
                let cleanup = try await takeBackWork(db, of: name, rule: rule, now: now)
                try await audit(db, .system, "node.dead", "node:\(name)", [
                    "reason": reason, "master": master, "token": String(token),
                    "requeuedJobs": String(cleanup.requeuedJobs.count), "failedJobs": String(cleanup.failedJobs.count),
                    "lostSessions": String(cleanup.lostSessions.count), "revokedTokens": String(cleanup.revokedTokens.count),
                ], at: now)
                cleanups.append(cleanup)
            }
            return cleanups
        }
    }

    /// Takes back, inside the caller's transaction, everything dead node `name` held.
    private func takeBackWork(_ db: any SQLDatabase, of name: String, rule: JobHandBack.Rule, now: Date) async throws -> DeadNodeCleanup {
        let lost = "lost: its node \(name) stopped answering"
        let running = try await db.raw("""
            SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE node = \(bind: name) AND state = 'running' ORDER BY id
            """).all().map(Self.job)
        var requeued: [String] = [], failed: [String] = []
        for job in running {
            guard let after = try await handBack(db, job, rule(job), stillLost: "", released: false, now: now) else { continue }
            if after.state == .queued { requeued.append(job.id) } else { failed.append(job.id) }
        }
        let unassigned = try await db.raw("""
            UPDATE jobs SET assigned_node = NULL, assigned_at = NULL WHERE assigned_node = \(bind: name) AND state = 'queued'
            RETURNING id
            """).all()
        for row in unassigned {
            try await audit(db, .system, "job.unassign", "job:\(try row.string("id"))", ["node": name, "reason": "node dead"], at: now)
        }
        let sessions = try await db.raw("""
            SELECT id FROM data_sessions WHERE node = \(bind: name) AND state <> 'ended' ORDER BY created_at, id
            """).all().map { try $0.string("id") }
        var lostSessions: [String] = [], revoked: [String] = []
        for id in sessions {
            guard let session = try await endDataSession(db, id: id, reason: lost, logDigest: nil, now: now) else { continue }
            lostSessions.append(id)
            if let tokenId = session.tokenId,
               try await revokeToken(db, id: tokenId, by: .system, now: now, missingIsError: false) {
                revoked.append(tokenId)
            }
        }
        let seats = try await db.raw("""
            SELECT id FROM seats WHERE node = \(bind: name) AND returned_at IS NULL ORDER BY taken_at, id
            """).all().map { try $0.string("id") }
        for id in seats {
            try await returnSeat(db, id: id, reason: lost, now: now, missingIsError: false)
        }
        return DeadNodeCleanup(node: name, requeuedJobs: requeued, failedJobs: failed, lostSessions: lostSessions,
                               revokedTokens: revoked)
    }
}

/// What becomes of a running job that goes back (its node gave it back, or lost it), decided
/// outside the catalog — by Sessions' `JobMachine` — and carried out by it.
public enum JobHandBack: Sendable, Hashable {
    /// Queued again; `countAttempt` false gives the attempt back (it was not the job's doing).
    case requeue(countAttempt: Bool)
    case fail(reason: String)
    case cancel(reason: String)

    /// Decides for one running job, as it is inside the catalog's transaction.
    public typealias Rule = @Sendable (JobRecord) -> JobHandBack
}

/// What the master took back from one node it declared dead, so it can log it and tell the
/// operators: jobs queued again, jobs failed (their last attempt died with the node, or their
/// cancel was requested), data sessions ended as lost, and the API tokens revoked with them.
public struct DeadNodeCleanup: Sendable, Equatable {
    public let node: String
    /// Ids of the running jobs queued again.
    public let requeuedJobs: [String]
    /// Ids of the running jobs that ended instead: failed at their last attempt, or cancelled.
    public let failedJobs: [String]
    /// Ids of the data sessions ended as lost.
    public let lostSessions: [String]
    /// Ids of those sessions' API tokens, revoked.
    public let revokedTokens: [String]

    public init(node: String, requeuedJobs: [String], failedJobs: [String], lostSessions: [String], revokedTokens: [String]) {
        self.node = node
        self.requeuedJobs = requeuedJobs
        self.failedJobs = failedJobs
        self.lostSessions = lostSessions
        self.revokedTokens = revokedTokens
    }
}
