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
    public func saveJobResult(id: String, node: String, attempt: Int, caseId: String, expectedHead: BlobDigest, newHead: BlobDigest,
                              number: Int64, size: Int64, resultStatus: String? = nil, progress: String? = nil,
                              by actor: AuditActor,
                              now: Date = Date()) async throws -> (CaseRecord, JobRecord)? {
        let lock = pool.kind == .postgres ? "FOR UPDATE" : ""
        return try await transaction { db in
            guard try await db.raw("""
                SELECT id FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running'
                  AND attempts = \(bind: Int64(attempt)) \(unsafeRaw: lock)
                """).first() != nil else { return nil }
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
    /// 3. hands queued, due (`scheduled_at <= now`), unassigned jobs in claim order (priority,
    ///    then oldest) each to the node with the most free capacity (ties: the less loaded, then
    ///    by name), until no node has any left.
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
            let candidates = try await db.raw("""
                SELECT id FROM jobs WHERE state = 'queued' AND assigned_node IS NULL AND scheduled_at <= \(bind: nowMs)
                ORDER BY priority DESC, submitted_at, id LIMIT \(bind: Int64(total)) \(unsafeRaw: lock)
                """).all().map { try $0.string("id") }
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
