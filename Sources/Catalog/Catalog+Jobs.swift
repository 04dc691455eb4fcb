import Foundation
import SQLKit

/// The optimization job queue: submitting, cancelling, reading. Running jobs (dispatch, claim,
/// lease, progress, finish, result) are in `Catalog+JobRuns.swift`; jobs going back to the queue
/// (given back, lease lapsed, node dead) in `Catalog+NodeLoss.swift`.
extension Catalog {
    /// How often a job is claimed before a lost lease fails it instead of queueing it again.
    public static let jobMaxAttempts = 3

    /// Queues a job: priority 0-9 (higher first), a time limit, and optionally a time before
    /// which it is not started; a data session's token that submits it (`boundTo`) reaches it.
    @discardableResult
    public func submitJob(userId: String, app: String, appVersion: String, caseId: String, inputNumber: Int64, priority: Int,
                          timeoutSeconds: Int, scheduledAt: Date?, sessionId: String?, by actor: AuditActor,
                          boundTo tokenId: String? = nil, now: Date = Date()) async throws -> JobRecord {
        guard (0...9).contains(priority) else { throw CatalogError.invalidArgument("priority must be 0-9") }
        guard (1...(30 * 86_400)).contains(timeoutSeconds) else {
            throw CatalogError.invalidArgument("timeout must be 1 second to 30 days")
        }
        for (name, value) in [("user id", userId), ("app", app), ("app version", appVersion), ("case id", caseId)]
        where value.isEmpty || value.utf8.count > 256 {
            throw CatalogError.invalidArgument("job \(name) must be 1-256 bytes")
        }
        let nowMs = CatalogTime.ms(now)
        let job = JobRecord(
            id: CatalogID.make(now: now), userId: userId, app: app, appVersion: appVersion, caseId: caseId,
            inputNumber: inputNumber, priority: priority, timeoutSeconds: timeoutSeconds,
            scheduledAt: CatalogTime.date(scheduledAt.map(CatalogTime.ms) ?? nowMs), state: .queued, attempts: 0,
            maxAttempts: Self.jobMaxAttempts, node: nil, leaseUntil: nil, cancelRequested: false,
            submittedAt: CatalogTime.date(nowMs), startedAt: nil, finishedAt: nil, resultNumber: nil, reason: nil,
            progress: nil, logDigest: nil, sessionId: sessionId)
        return try await transaction { db in
            try await requireQuota(db, userId: userId, kind: .jobs, now: now)
            try await db.raw("""
                INSERT INTO jobs (id, user_id, app, app_version, case_id, input_number, priority, timeout_seconds, scheduled_at,
                                  state, attempts, max_attempts, node, lease_until, cancel_requested, submitted_at, started_at,
                                  finished_at, result_number, reason, progress, log_digest, session_id)
                VALUES (\(bind: job.id), \(bind: userId), \(bind: app), \(bind: appVersion), \(bind: caseId), \(bind: inputNumber),
                        \(bind: Int64(priority)), \(bind: Int64(timeoutSeconds)), \(bind: CatalogTime.ms(job.scheduledAt)),
                        'queued', 0, \(bind: Int64(job.maxAttempts)), NULL, NULL, 0, \(bind: nowMs), NULL,
                        NULL, NULL, NULL, NULL, NULL, \(bind: sessionId))
                """).run()
            if let tokenId { try await bindJob(db, tokenId: tokenId, jobId: job.id) }
            try await audit(db, actor, "job.submit", "job:\(job.id)",
                            ["app": app, "version": appVersion, "case": caseId, "priority": String(priority)], at: now)
            try await notify(db, .queue)
            return job
        }
    }

    /// Cancels a job: a queued one is `cancelled` at once; a running one gets `cancelRequested`
    /// (its runner stops it and finishes it as cancelled); a finished one is returned unchanged.
    @discardableResult
    public func requestJobCancel(id: String, by actor: AuditActor, now: Date = Date()) async throws -> JobRecord {
        try await transaction { db in
            guard let job = try await job(db, id) else { throw CatalogError.notFound("job", id) }
            switch job.state {
            case .queued:
                try await db.raw("""
                    UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at = \(bind: CatalogTime.ms(now)),
                                    reason = 'cancelled before it started'
                    WHERE id = \(bind: id) AND state = 'queued'
                    """).run()
            case .running:
                guard !job.cancelRequested else { return job }
                try await db.raw("UPDATE jobs SET cancel_requested = 1 WHERE id = \(bind: id) AND state = 'running'").run()
            case .succeeded, .failed, .cancelled:
                return job
            }
            try await audit(db, actor, "job.cancel", "job:\(id)", ["state": job.state.rawValue], at: now)
            guard let updated = try await self.job(db, id) else { throw CatalogError.database("job vanished") }
            return updated
        }
    }

    public func job(id: String) async throws -> JobRecord? {
        try await read { db in try await job(db, id) }
    }

    /// Jobs newest first, optionally one user's, optionally in one state.
    public func listJobs(userId: String?, state: JobState?, limit: Int) async throws -> [JobRecord] {
        try FilteredList.check(limit: limit)
        var list = FilteredList(Self.jobColumns, from: "jobs")
        list.filter("user_id", equals: userId)
        list.filter("state", equals: state?.rawValue)
        let query = list.query(orderBy: "submitted_at DESC, id DESC", limit: limit)
        return try await read { db in try await db.raw(query).all().map(Self.job) }
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

    // MARK: rows

    func job(_ db: any SQLDatabase, _ id: String) async throws -> JobRecord? {
        try await db.raw("SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE id = \(bind: id)").first().map(Self.job)
    }

    static let jobColumns = """
        id, user_id, app, app_version, case_id, input_number, priority, timeout_seconds, scheduled_at, state, attempts,
        max_attempts, node, lease_until, cancel_requested, submitted_at, started_at, finished_at, result_number, reason,
        progress, log_digest, session_id, assigned_node, result_status, result_case_id
        """

    static func job(_ row: any SQLRow) throws -> JobRecord {
        guard let state = JobState(rawValue: try row.string("state")) else { throw CatalogError.database("unknown job state") }
        var job = JobRecord(
            id: try row.string("id"), userId: try row.string("user_id"), app: try row.string("app"),
            appVersion: try row.string("app_version"), caseId: try row.string("case_id"), inputNumber: try row.int("input_number"),
            priority: Int(try row.int("priority")), timeoutSeconds: Int(try row.int("timeout_seconds")),
            scheduledAt: CatalogTime.date(try row.int("scheduled_at")), state: state, attempts: Int(try row.int("attempts")),
            maxAttempts: Int(try row.int("max_attempts")), node: try row.optionalString("node"),
            leaseUntil: CatalogTime.date(try row.optionalInt("lease_until")), cancelRequested: try row.flag("cancel_requested"),
            submittedAt: CatalogTime.date(try row.int("submitted_at")), startedAt: CatalogTime.date(try row.optionalInt("started_at")),
            finishedAt: CatalogTime.date(try row.optionalInt("finished_at")), resultNumber: try row.optionalInt("result_number"),
            reason: try row.optionalString("reason"), progress: try row.optionalString("progress"),
            logDigest: try row.optionalString("log_digest"), sessionId: try row.optionalString("session_id"),
            assignedNode: try row.optionalString("assigned_node"))
        job.resultStatus = try row.optionalString("result_status")
        job.resultCaseId = try row.optionalString("result_case_id")
        return job
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
