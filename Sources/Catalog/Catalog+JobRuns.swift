import Foundation
import SQLKit
import Store

/// Running the job queue: nodes claim due jobs under a lease, renew it, report progress and
/// finish them or save their result; in a cluster the master first dispatches queued jobs to
/// nodes. Jobs that go back to the queue (given back, lease lapsed, node dead) are in
/// `Catalog+NodeLoss.swift`.
///
/// Every runner call names its node, and may also name the attempt it runs (`attempts` after its
/// claim, a fencing token): a node whose lease was lost and whose job was requeued can no longer
/// change it — not even when the same node claimed it again.
extension Catalog {
    /// Claims the next due job for `node`: queued, `scheduled_at <= now`, first in the queue's
    /// fair order (``queueInTurn(_:limit:lock:)``: highest priority, then users in turn, then
    /// oldest). It becomes `running` on `node` with a lease until `leaseUntil`, its attempts one
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
        let nowMs = CatalogTime.ms(now)
        let mine: SQLQueryString = assignedOnly ? "AND assigned_node = \(bind: node)"
                                                : "AND (assigned_node IS NULL OR assigned_node = \(bind: node))"
        return try await transaction { db in
            // The candidate can only be lost to another claimer without row locks (never on
            // PostgreSQL, where it is locked; not on SQLite, whose writer is single): look again.
            for _ in 0..<8 {
                guard let candidate = try await db.raw(Self.queueInTurn(
                    "state = 'queued' AND scheduled_at <= \(bind: nowMs) \(mine)", limit: 1, lock: pool.kind == .postgres)
                ).first() else { return nil }
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
    /// `progress`, when given, is the job's last progress line, kept with its outcome.
    @discardableResult
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

    /// A job's result, fenced: in ONE transaction, only while the job still runs on `node` in
    /// attempt `attempt` (its row locked on PostgreSQL, so a requeue waits), the output becomes
    /// the case's next version and the job `succeeded` with that version. Nil (and nothing
    /// saved) when the job is not this attempt's any more — a node that was paused past its
    /// lease and whose job ran elsewhere can never add a second result.
    ///
    /// Access is checked again, in the same transaction as the write: the job's user must still
    /// be allowed to save the case by the rule the API uses (``caseAccess(caseId:userId:)`` and
    /// ``CaseAccess/maySave``; the owner may have stopped sharing it, or the user left the group
    /// it is shared with). If not, nothing is saved and this throws `.forbidden` saying why; the
    /// runner then keeps the result as a new case of the user
    /// (``keepJobResultAsNewCase(id:node:attempt:name:head:size:why:resultStatus:progress:now:)``).
    /// A case deleted meanwhile is `.notFound`, as before.
    public func saveJobResult(id: String, node: String, attempt: Int, caseId: String, expectedHead: BlobDigest, newHead: BlobDigest,
                              number: Int64, size: Int64, resultStatus: String? = nil, progress: String? = nil,
                              by actor: AuditActor,
                              now: Date = Date()) async throws -> (CaseRecord, JobRecord)? {
        let lock = pool.kind == .postgres ? "FOR UPDATE" : ""
        return try await transaction { db in
            guard let fenced = try await db.raw("""
                SELECT user_id FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running'
                  AND attempts = \(bind: Int64(attempt)) \(unsafeRaw: lock)
                """).first() else { return nil }
            let userId = try fenced.string("user_id")
            _ = try await requireCase(db, caseId)
            let access = try await caseAccess(db, caseId: caseId, userId: userId)
            guard access?.maySave == true else {
                throw CatalogError.forbidden(access == nil ? "the case is no longer shared with the job's user"
                                                           : "the case is shared with the job's user for reading only now")
            }
            let record = try await saveCaseVersion(db, caseId: caseId, expectedHead: expectedHead, newHead: newHead, number: number,
                                                   size: size, by: actor, now: now)
            guard let row = try await db.raw("""
                UPDATE jobs SET state = 'succeeded', finished_at = \(bind: CatalogTime.ms(now)), lease_until = NULL,
                                result_number = \(bind: number), reason = NULL,
                                result_status = \(bind: resultStatus.map { Self.cut($0, maxBytes: 64) }),
                                progress = COALESCE(\(bind: progress.map { Self.cut($0, maxBytes: 4096) }), progress)
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' AND attempts = \(bind: Int64(attempt))
                RETURNING \(unsafeRaw: Self.jobColumns)
                """).first() else { throw CatalogError.database("job \(id) changed under its row lock") }
            try await audit(db, .system, "job.finish", "job:\(id)",
                            ["state": "succeeded", "node": node, "attempt": String(attempt), "result": String(number)], at: now)
            return (record, try Self.job(row))
        }
    }

    /// The result of a job whose user may no longer write its input case (``saveJobResult(id:node:attempt:caseId:expectedHead:newHead:number:size:resultStatus:progress:by:now:)``
    /// threw `.forbidden(why)`), kept instead of lost: in ONE transaction, fenced like
    /// `saveJobResult` (nil, nothing saved, when the attempt is not this node's any more), a new
    /// case of the job's user and app named `name` (``keptResultName(caseName:jobId:)``) with
    /// `head` as its version 1, and the job `succeeded` with ``JobRecord/resultCaseId`` naming that
    /// case and ``JobRecord/reason`` saying why it is not in the input case. `head` must be a case
    /// of its own (saved without the input case as parent: the input's history is not the
    /// user's to read any more).
    public func keepJobResultAsNewCase(id: String, node: String, attempt: Int, name: String, head: BlobDigest, size: Int64,
                                       why: String, resultStatus: String? = nil, progress: String? = nil,
                                       now: Date = Date()) async throws -> (CaseRecord, JobRecord)? {
        let lock = pool.kind == .postgres ? "FOR UPDATE" : ""
        return try await transaction { db in
            guard let fenced = try await db.raw("""
                SELECT user_id, app, case_id FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running'
                  AND attempts = \(bind: Int64(attempt)) \(unsafeRaw: lock)
                """).first() else { return nil }
            let userId = try fenced.string("user_id"), inputCase = try fenced.string("case_id")
            let record = try await createCase(db, app: try fenced.string("app"), ownerId: userId, name: name, head: head, number: 1,
                                              size: size, by: .user(userId), boundTo: nil, now: now)
            let reason = Self.cut("\(why): the result was kept as the new case '\(name)' (\(record.id)) instead of case \(inputCase)",
                                  maxBytes: 4096)
            guard let row = try await db.raw("""
                UPDATE jobs SET state = 'succeeded', finished_at = \(bind: CatalogTime.ms(now)), lease_until = NULL,
                                result_number = 1, result_case_id = \(bind: record.id), reason = \(bind: reason),
                                result_status = \(bind: resultStatus.map { Self.cut($0, maxBytes: 64) }),
                                progress = COALESCE(\(bind: progress.map { Self.cut($0, maxBytes: 4096) }), progress)
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' AND attempts = \(bind: Int64(attempt))
                RETURNING \(unsafeRaw: Self.jobColumns)
                """).first() else { throw CatalogError.database("job \(id) changed under its row lock") }
            try await audit(db, .system, "job.finish", "job:\(id)",
                            ["state": "succeeded", "node": node, "attempt": String(attempt), "result": "1", "resultCase": record.id,
                             "reason": reason], at: now)
            return (record, try Self.job(row))
        }
    }

    /// The name of the case a job's result is kept in (``keepJobResultAsNewCase(id:node:attempt:name:head:size:why:resultStatus:progress:now:)``):
    /// the input case's name and the job, within the 256 characters a case name may have.
    public static func keptResultName(caseName: String, jobId: String) -> String {
        let suffix = " (result of job \(jobId))"
        return String(caseName.prefix(max(1, 256 - suffix.count))) + suffix
    }

    /// Attaches the kept log of a finished attempt (the result was recorded before the log was
    /// archived); only where no log is attached yet.
    public func attachJobLog(id: String, node: String, attempt: Int, logDigest: String) async throws {
        try await transaction { db in
            try await db.raw("""
                UPDATE jobs SET log_digest = \(bind: logDigest)
                WHERE id = \(bind: id) AND node = \(bind: node) AND attempts = \(bind: Int64(attempt)) AND log_digest IS NULL
                """).run()
        }
    }

    // MARK: dispatch

    /// The cluster master's dispatch: it spreads queued jobs over the live nodes by free solve
    /// capacity, writing `assigned_node`; each node then claims only its own jobs
    /// (`claimNextJob(…, assignedOnly: true)`). Assigning instead of letting nodes race for the
    /// queue keeps a busy node from hoarding jobs while idle ones wait, and puts the whole plan in
    /// one place that can be fenced.
    ///
    /// One fenced master decision (`.staleFence` and nothing changed unless `master` holds the
    /// live lease with `token`):
    /// 1. un-assigns queued jobs whose assignment is older than `staleAssignmentBefore` (the
    ///    node did not claim them in time) or whose node is no longer `up`;
    /// 2. gives each node free capacity = solve slots − jobs running on it − queued jobs
    ///    assigned to it;
    /// 3. hands queued, due (`scheduled_at <= now`), unassigned jobs in the queue's fair order
    ///    (``queueInTurn(_:limit:lock:)``, as a node claims them) each to the node with the most
    ///    free capacity (ties: the less loaded, then by name), until no node has any left.
    /// Returns the new assignments in the order made.
    public func dispatchJobs(master: String, token: Int64, now: Date = Date(),
                             staleAssignmentBefore: Date) async throws -> [JobAssignment] {
        let nowMs = CatalogTime.ms(now), staleMs = CatalogTime.ms(staleAssignmentBefore)
        let lock = pool.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await masterDecision(master: master, token: token, now: now) { db in
            // Read first (RETURNING would show the cleared node); a job a node is claiming right
            // now is locked on PostgreSQL and skipped: it is leaving the queue anyway.
            let withdrawn = try await db.raw("""
                SELECT id, assigned_node FROM jobs
                WHERE state = 'queued' AND assigned_node IS NOT NULL
                  AND (assigned_at < \(bind: staleMs) OR assigned_node NOT IN (SELECT name FROM nodes WHERE state = 'up'))
                ORDER BY id \(unsafeRaw: lock)
                """).all()
            for row in withdrawn {
                let id = try row.string("id"), node = try row.string("assigned_node")
                let rows = try await db.raw("""
                    UPDATE jobs SET assigned_node = NULL, assigned_at = NULL
                    WHERE id = \(bind: id) AND state = 'queued' AND assigned_node = \(bind: node)
                    RETURNING id
                    """).all()
                guard !rows.isEmpty else { continue }
                try await audit(db, .system, "job.unassign", "job:\(id)", ["node": node, "reason": "stale, or its node is not up"], at: now)
            }
            var nodes = try await capacities(db)
            let total = nodes.reduce(0) { $0 + $1.free }
            guard total > 0 else { return [] }
            let candidates = try await db.raw(Self.queueInTurn(
                "state = 'queued' AND assigned_node IS NULL AND scheduled_at <= \(bind: nowMs)", limit: total,
                lock: pool.kind == .postgres)
            ).all().map { try $0.string("id") }
            var assignments: [JobAssignment] = []
            for id in candidates {
                guard let best = nodes.indices.filter({ nodes[$0].free > 0 }).min(by: { nodes[$0].before(nodes[$1]) }) else { break }
                let rows = try await db.raw("""
                    UPDATE jobs SET assigned_node = \(bind: nodes[best].name), assigned_at = \(bind: nowMs)
                    WHERE id = \(bind: id) AND state = 'queued' AND assigned_node IS NULL
                    RETURNING id
                    """).all()
                guard !rows.isEmpty else { continue }
                nodes[best].free -= 1
                nodes[best].load += 1
                try await audit(db, .system, "job.assign", "job:\(id)",
                                ["node": nodes[best].name, "master": master, "token": String(token)], at: now)
                assignments.append(JobAssignment(jobId: id, node: nodes[best].name))
            }
            return assignments
        }
    }

    // MARK: queue order

    /// The queue's order, the one rule by which nodes claim jobs and the cluster master places
    /// them: the ids of up to `limit` jobs matching `filter` (a condition on `jobs`' own columns,
    /// e.g. queued and due), in the order they run.
    ///
    /// 1. Higher priority first.
    /// 2. Within a priority, users take turns: a user's n-th waiting job there (their oldest
    ///    first) has turn n + the jobs that user has running now (anywhere in the catalog, so in
    ///    the whole cluster), and lower turns go first.
    /// 3. Equal turns: the user whose latest job start is oldest first (never started: before
    ///    everyone), so users at the same turn alternate instead of the oldest submitter winning
    ///    every time.
    /// 4. Then the older job (`submitted_at`, then `id`).
    ///
    /// What this guarantees: a job of a user with nothing running, at the highest due priority,
    /// is claimed after at most one job of each other user waiting at that priority (their
    /// first job, at turn 1 too; once it started, that user is at turn 2, or at turn 1 with a
    /// newer latest start — unless a job of the first user's own starts meanwhile). So one user's 1,000 waiting jobs make another user's one job wait
    /// for at most one claim, whatever the order they were submitted in.
    ///
    /// With `lock` (PostgreSQL) the chosen rows are locked `FOR UPDATE SKIP LOCKED`: a row
    /// another transaction is claiming is passed over for the next one in this order. The
    /// ranking (a window function and aggregates, which PostgreSQL does not allow together with
    /// `FOR UPDATE`) is computed in CTEs; only the outer select of `jobs` itself is locked, and
    /// repeats `filter` so a row changed meanwhile is re-checked under its lock.
    ///
    /// Cost: the turns are numbered over every waiting job (one pass in index order, `jobs_turns`),
    /// the running count and latest start are one index look-up per waiting user
    /// (`jobs_turns`, `jobs_user_started`; the CTEs are `MATERIALIZED` so they are not repeated
    /// per job), and only each user's first `limit` + ``queueLockMargin`` jobs per priority are
    /// ordered and locked: a later one of theirs has at least `limit` of their own before it.
    static func queueInTurn(_ filter: SQLQueryString, limit: Int, lock: Bool) -> SQLQueryString {
        """
        WITH waiting AS MATERIALIZED (
            SELECT id AS job_id, user_id AS job_user, priority AS job_priority, submitted_at AS job_submitted,
                   ROW_NUMBER() OVER (PARTITION BY user_id, priority ORDER BY submitted_at, id) AS user_turn
            FROM jobs WHERE \(filter)),
        waiting_users AS MATERIALIZED (
            SELECT w.job_user,
                   (SELECT COUNT(*) FROM jobs r WHERE r.user_id = w.job_user AND r.state = 'running') AS running,
                   (SELECT MAX(s.started_at) FROM jobs s WHERE s.user_id = w.job_user) AS last_start
            FROM (SELECT DISTINCT job_user FROM waiting) w)
        SELECT j.id FROM jobs j
        JOIN waiting q ON q.job_id = j.id
        JOIN waiting_users u ON u.job_user = q.job_user
        WHERE \(filter) AND q.user_turn <= \(bind: Int64(limit + Self.queueLockMargin))
        ORDER BY q.job_priority DESC, u.running + q.user_turn, COALESCE(u.last_start, -1), q.job_submitted, q.job_id
        LIMIT \(bind: Int64(limit)) \(unsafeRaw: lock ? "FOR UPDATE OF j SKIP LOCKED" : "")
        """
    }

    /// How many locked jobs of one user and priority a claimer may pass over (PostgreSQL's
    /// `SKIP LOCKED`) and still find one of theirs in ``queueInTurn(_:limit:lock:)``'s candidates.
    static let queueLockMargin = 32

    /// A live node's room for more jobs, as dispatch sees it.
    private struct Capacity {
        let name: String
        /// Solve slots not taken by running or assigned jobs (never below 0).
        var free: Int
        /// Jobs running on it plus queued jobs assigned to it.
        var load: Int

        /// Dispatch preference: more free capacity first, then less loaded, then by name.
        func before(_ other: Capacity) -> Bool {
            if free != other.free { return free > other.free }
            if load != other.load { return load < other.load }
            return name < other.name
        }
    }

    /// Every `up` node's free capacity, by name.
    private func capacities(_ db: any SQLDatabase) async throws -> [Capacity] {
        let nodes = try await db.raw("SELECT name, solve_slots FROM nodes WHERE state = 'up' ORDER BY name").all()
        var running: [String: Int] = [:], assigned: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT node, COUNT(*) AS n FROM jobs WHERE state = 'running' AND node IS NOT NULL GROUP BY node
            """).all() {
            running[try row.string("node")] = Int(try row.int("n"))
        }
        for row in try await db.raw("""
            SELECT assigned_node, COUNT(*) AS n FROM jobs WHERE state = 'queued' AND assigned_node IS NOT NULL GROUP BY assigned_node
            """).all() {
            assigned[try row.string("assigned_node")] = Int(try row.int("n"))
        }
        return try nodes.map { row in
            let name = try row.string("name")
            let load = (running[name] ?? 0) + (assigned[name] ?? 0)
            return Capacity(name: name, free: max(0, Int(try row.int("solve_slots")) - load), load: load)
        }
    }
}

/// One dispatch decision of the cluster master: queued job `jobId` is for `node` to claim.
public struct JobAssignment: Sendable, Hashable {
    public let jobId: String
    public let node: String

    public init(jobId: String, node: String) {
        self.jobId = jobId
        self.node = node
    }
}
